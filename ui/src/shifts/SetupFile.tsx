// 设置文件: 导出 (the whole setup as kaoqin-setup.toml, an <a download> of an object URL) and 导入 (a .toml file read as
// text, a dry run listing per section what would be added, changed or left alone, then the real import on confirm;
// the file → dry run → confirm steps are `useDryRunFile`).
import { useState } from 'react';
import { Alert, App, Button, Empty, Modal, Space, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import * as api from '../api';
import type { SetupImportResult } from '../bindings/SetupImportResult';
import type { SetupSectionResult } from '../bindings/SetupSectionResult';
import { useImportSetup } from '../queries';
import { toApiError } from '../apiError';
import { currentLanguage, localize, type Language } from '../i18n';
import { useShowError } from '../feedback';
import { useDryRunFile } from '../files/useDryRunFile';

export const SETUP_FILE_NAME = 'kaoqin-setup.toml';
/** Sections in the order a setup file lists them. */
export const SETUP_SECTIONS = ['timetable', 'rotation', 'group', 'membership', 'company_day'] as const;

/** Offers text as a download through an `<a download>` and an object URL. */
export function saveText(text: string, fileName: string, type = 'application/toml;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.className = 'visually-hidden';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A refused setup file in full: the headline of the backend's message and every problem it listed. */
export function setupProblemLines(error: unknown, lang: Language): { title: string; items: string[] } {
  const apiError = toApiError(error);
  const message = localize(apiError.dto.message, lang);
  const fields = [...new Set(apiError.fields.map((f) => localize(f.message, lang)))];
  if (fields.length > 0) {
    // The message repeats the list after its first line ("设置文件有 3 处问题…：\n- …"): keep the headline only.
    const headline = message.split('\n')[0].replace(/[：:]\s*$/, '');
    return { title: headline, items: fields };
  }
  // A syntax error names the line and column; keep its lines.
  const [first, ...rest] = message.split('\n');
  return { title: first, items: rest.map((line) => line.trimEnd()).filter((line) => line.trim() !== '') };
}

function SetupProblem({ error, onClose, testId }: { error: unknown; onClose?: () => void; testId: string }) {
  const { t, i18n } = useTranslation();
  const { title, items } = setupProblemLines(error, currentLanguage(i18n.language));
  return (
    <Alert
      className="page-block"
      type="error"
      showIcon
      data-testid={testId}
      title={`${t('timetables.setup.failed')}${title}`}
      description={
        items.length > 0 ? (
          <ul className="problem-list setup-problem-list">
            {items.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        ) : undefined
      }
      closable={onClose ? { onClose } : undefined}
    />
  );
}

function SectionResult({ section }: { section: SetupSectionResult }) {
  const { t, i18n } = useTranslation();
  const label = i18n.exists(`timetables.setup.sections.${section.section}`)
    ? t(`timetables.setup.sections.${section.section}`)
    : section.section;
  const group = (kind: 'added' | 'changed' | 'unchanged', names: string[], colour: string) =>
    names.length > 0 && (
      <div className="setup-result-line" data-testid={`setup-import-${section.section}-${kind}`}>
        <Typography.Text type={kind === 'unchanged' ? 'secondary' : undefined}>
          {t(`timetables.setup.${kind}`, { count: names.length })}
        </Typography.Text>
        <Space size={[4, 4]} wrap>
          {names.map((name) => (
            <Tag key={name} color={colour}>
              {name}
            </Tag>
          ))}
        </Space>
      </div>
    );
  const empty = section.added.length + section.changed.length + section.unchanged.length === 0;
  return (
    <div className="setup-result-section">
      <Typography.Text strong>{label}</Typography.Text>
      {empty ? (
        <Typography.Text type="secondary"> {t('timetables.setup.section_empty')}</Typography.Text>
      ) : (
        <>
          {group('added', section.added, 'green')}
          {group('changed', section.changed, 'orange')}
          {group('unchanged', section.unchanged, 'default')}
        </>
      )}
    </div>
  );
}

/** The dry run's result, one block per section, sections in file order. */
export function SetupResult({ result }: { result: SetupImportResult }) {
  const { t } = useTranslation();
  const order = (s: string) => {
    const i = (SETUP_SECTIONS as readonly string[]).indexOf(s);
    return i < 0 ? SETUP_SECTIONS.length : i;
  };
  const sections = [...result.sections].sort((a, b) => order(a.section) - order(b.section));
  const changes = sections.reduce((n, s) => n + s.added.length + s.changed.length, 0);
  return (
    <div data-testid="setup-import-result">
      {changes === 0 ? (
        <Alert className="page-block" type="info" showIcon title={t('timetables.setup.nothing_changes')} />
      ) : (
        <Alert className="page-block" type="warning" showIcon title={t('timetables.setup.will_change', { count: changes })} />
      )}
      {sections.length === 0 ? <Empty description={t('timetables.setup.file_empty')} /> : sections.map((s) => <SectionResult key={s.section} section={s} />)}
    </div>
  );
}

/** The two toolbar buttons, the hidden file input, the preview dialog and the problem notice. */
export function useSetupFile() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const importSetup = useImportSetup();
  const [exporting, setExporting] = useState(false);
  const file = useDryRunFile({
    run: (request) => importSetup.mutateAsync(request),
    readFailed: (detail) => t('timetables.setup.read_failed', { detail }),
    onApplied: (done) => {
      const changes = done.sections.reduce((n, s) => n + s.added.length + s.changed.length, 0);
      void message.success(t('timetables.setup.imported', { count: changes }));
    },
    inputTestId: 'timetable-setup-import-input',
  });
  const { pending } = file;

  const onExport = async () => {
    setExporting(true);
    try {
      const text = await api.exportSetup();
      saveText(text, SETUP_FILE_NAME);
      void message.success(t('timetables.setup.exported', { file: SETUP_FILE_NAME }));
    } catch (error) {
      showError(error);
    } finally {
      setExporting(false);
    }
  };

  const buttons = (
    <>
      <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="timetable-setup-export">
        {t('timetables.setup.export')}
      </Button>
      <Button icon={<UploadOutlined />} loading={file.reading} onClick={file.pick} data-testid="timetable-setup-import">
        {t('timetables.setup.import')}
      </Button>
      {file.input}
    </>
  );

  const dialog = (
    <Modal
      open={pending !== null}
      title={t('timetables.setup.preview_title')}
      okText={t('timetables.setup.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: importSetup.isPending, 'data-testid': 'setup-import-confirm' } as ButtonProps}
      onOk={() => void file.confirm()}
      onCancel={file.cancel}
      width={760}
      destroyOnHidden
    >
      {pending && (
        <>
          <Typography.Paragraph type="secondary" className="import-file-name">
            {pending.fileName}
          </Typography.Paragraph>
          {file.confirmProblem !== null && <SetupProblem error={file.confirmProblem} testId="setup-import-confirm-problem" />}
          <SetupResult result={pending.preview} />
          <Typography.Paragraph type="secondary">{t('timetables.setup.preview_hint')}</Typography.Paragraph>
        </>
      )}
    </Modal>
  );

  return {
    buttons,
    dialog,
    problem:
      file.problem !== null ? <SetupProblem error={file.problem} onClose={file.clearProblem} testId="setup-import-problem" /> : null,
  };
}
