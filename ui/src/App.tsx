// The application shell: providers (antd theme/locale/CSP nonce, TanStack Query), left navigation, header, and the current section.
import { useState, type ReactNode } from 'react';
import { App as AntdApp, ConfigProvider, Layout, Menu, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  BarChartOutlined,
  ClusterOutlined,
  ExceptionOutlined,
  FieldTimeOutlined,
  HomeOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { antdLocale, currentLanguage } from './i18n';
import { createQueryClient, useOverview } from './queries';
import { SECTIONS, useSection, type Section } from './router';
import { LanguageToggle } from './LanguageSwitch';
import { HomePage } from './pages/HomePage';
import { NotYetPage } from './pages/NotYetPage';
import { ExceptionsPage } from './exceptions/ExceptionsPage';
import { ShiftsPage } from './shifts/ShiftsPage';
import { SettingsPage } from './pages/SettingsPage';
import { PeoplePage } from './people/PeoplePage';
import { ResultsPage } from './results/ResultsPage';
import { TerminalsPage } from './terminals/TerminalsPage';

const SECTION_ICONS: Record<Section, ReactNode> = {
  home: <HomeOutlined />,
  people: <TeamOutlined />,
  shifts: <ScheduleOutlined />,
  results: <FieldTimeOutlined />,
  terminals: <ClusterOutlined />,
  exceptions: <ExceptionOutlined />,
  reports: <BarChartOutlined />,
  settings: <SettingOutlined />,
};

/** antd providers, the query client, and the CSP nonce for run-time style tags. */
export function AppProviders({
  nonce,
  queryClient,
  children,
}: {
  nonce?: string;
  queryClient?: QueryClient;
  children: ReactNode;
}) {
  const { i18n } = useTranslation();
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <ConfigProvider
      csp={nonce ? { nonce } : undefined}
      locale={antdLocale(currentLanguage(i18n.language))}
      // A click beside a dialog never throws away what the clerk typed into it: dialogs close by
      // their own buttons, the ✕ or Esc.
      modal={{ mask: { closable: false } }}
      theme={{
        components: {
          Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 24px', headerHeight: 56 },
        },
      }}
    >
      <AntdApp className="app-antd-root">
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      </AntdApp>
    </ConfigProvider>
  );
}

function CurrentSection({ section, go }: { section: Section; go: (s: Section) => void }) {
  switch (section) {
    case 'home':
      return <HomePage onNavigate={go} />;
    case 'people':
      return <PeoplePage />;
    case 'settings':
      return <SettingsPage />;
    case 'shifts':
      return <ShiftsPage />;
    case 'results':
      return <ResultsPage />;
    case 'terminals':
      return <TerminalsPage />;
    case 'exceptions':
      return <ExceptionsPage />;
    case 'reports':
      return <NotYetPage section={section} />;
  }
}

/** Window content: navigation on the left, company name and language switch on top. */
export function Shell() {
  const { t } = useTranslation();
  const [section, go] = useSection();
  const overview = useOverview();
  const companyName = overview.data?.company.name.trim();

  const items: MenuProps['items'] = SECTIONS.map((key) => ({
    key,
    icon: SECTION_ICONS[key],
    label: t(`nav.${key}`),
    // rc-menu passes unknown props through to the <li>, which gives WebDriver a stable hook.
    ...({ 'data-testid': `nav-${key}` } as object),
  }));

  return (
    <Layout className="app-layout">
      <Layout.Sider width={196} className="app-sider" theme="light">
        <div className="app-brand">
          <span className="app-brand-mark">勤</span>
          <span>{t('app.name')}</span>
        </div>
        <Menu mode="inline" selectedKeys={[section]} items={items} onClick={({ key }) => go(key as Section)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Typography.Text strong className="app-company" data-testid="company-name">
            {companyName ? companyName : overview.isPending ? '' : t('shell.company_unset')}
          </Typography.Text>
          <LanguageToggle />
        </Layout.Header>
        <Layout.Content className="app-content">
          <CurrentSection section={section} go={go} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export default function App({ nonce }: { nonce?: string }) {
  return (
    <AppProviders nonce={nonce}>
      <Shell />
    </AppProviders>
  );
}
