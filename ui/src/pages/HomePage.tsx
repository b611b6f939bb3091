// 首页: real figures from get_overview — company, departments, employees, database and versions — and the warnings that need the clerk (company name, next year's holidays).
import { Alert, Button, Card, Col, Descriptions, Row, Skeleton, Statistic, Typography } from 'antd';
import { ApartmentOutlined, TeamOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useOverview } from '../queries';
import { LoadError } from '../feedback';
import { navigateToHolidays, type Section } from '../router';
import { NextYearBanner } from '../calendar/NextYearBanner';

/** The name a new database starts with (kaoqin_commands::company::DEFAULT_COMPANY_NAME). */
export const DEFAULT_COMPANY_NAME = '我的公司';

/** Company names that mean "not set yet": empty, or the name a fresh database starts with. */
export function companyNameNeedsSetting(name: string): boolean {
  const trimmed = name.trim();
  return trimmed === '' || trimmed === DEFAULT_COMPANY_NAME;
}

export function HomePage({ onNavigate }: { onNavigate: (section: Section) => void }) {
  const { t } = useTranslation();
  const overview = useOverview();

  if (overview.isPending) return <Skeleton active />;
  if (overview.isError) return <LoadError error={overview.error} onRetry={() => void overview.refetch()} />;

  const data = overview.data;
  return (
    <div className="page">
      <Typography.Title level={3}>{t('home.title')}</Typography.Title>
      <NextYearBanner onShow={navigateToHolidays} />
      {companyNameNeedsSetting(data.company.name) && (
        <Alert
          className="page-block"
          type="info"
          showIcon
          title={t('home.company_unset_title')}
          description={t('home.company_unset_body')}
          action={
            <Button type="primary" onClick={() => onNavigate('settings')}>
              {t('home.go_to_settings')}
            </Button>
          }
        />
      )}
      <Row gutter={[16, 16]} className="page-block">
        <Col xs={24} sm={8}>
          <Card>
            <Statistic
              title={t('home.department_count')}
              value={data.department_count}
              prefix={<ApartmentOutlined />}
            />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card>
            <Statistic
              title={t('home.active_employee_count')}
              value={data.active_employee_count}
              prefix={<TeamOutlined />}
            />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card>
            <Statistic
              title={t('home.inactive_employee_count')}
              value={data.inactive_employee_count}
              prefix={<UserDeleteOutlined />}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} className="page-block">
        <Col span={24}>
          <Button type="primary" icon={<TeamOutlined />} onClick={() => onNavigate('people')}>
            {t('home.go_to_people')}
          </Button>
        </Col>
      </Row>
      <Card title={t('home.system_info')} className="page-block">
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('home.company_name')}>
            {data.company.name.trim() === '' ? t('home.company_name_empty') : data.company.name}
          </Descriptions.Item>
          <Descriptions.Item label={t('home.timezone')}>
            {t(`timezones.${data.company.timezone}`, { defaultValue: data.company.timezone })}
          </Descriptions.Item>
          <Descriptions.Item label={t('home.db_path')}>
            <Typography.Text copyable className="db-path">
              {data.db_path}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.schema_version')}>{data.schema_version}</Descriptions.Item>
          <Descriptions.Item label={t('home.app_version')}>{data.app_version}</Descriptions.Item>
        </Descriptions>
      </Card>
    </div>
  );
}
