// Small pieces shared by the 班次 and 轮班规律 tabs: the coloured code chip, the kind tag, version dates, the colour choices
// and a new timetable's colour.
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isTimetableKind, SINCE_ALWAYS } from './timetableForm';

/** Colours offered for a timetable's cell in the schedule grid (antd's palette). */
export const COLOR_PRESETS = [
  { key: 'blue', value: '#1677ff' },
  { key: 'green', value: '#52c41a' },
  { key: 'gold', value: '#faad14' },
  { key: 'orange', value: '#fa8c16' },
  { key: 'red', value: '#f5222d' },
  { key: 'magenta', value: '#eb2f96' },
  { key: 'purple', value: '#722ed1' },
  { key: 'geekblue', value: '#2f54eb' },
  { key: 'cyan', value: '#13c2c2' },
  { key: 'lime', value: '#a0d911' },
  { key: 'grey', value: '#8c8c8c' },
] as const;

/**
 * The colour a new timetable starts with: the first preset no existing timetable uses (colours compared without regard
 * to case); once every preset is taken, the presets in turn by the number of timetables.
 */
export function newTimetableColor(existing: readonly (string | null | undefined)[]): string {
  const used = new Set(existing.map((color) => (color ?? '').trim().toLowerCase()));
  const free = COLOR_PRESETS.find((c) => !used.has(c.value));
  return (free ?? COLOR_PRESETS[existing.length % COLOR_PRESETS.length]).value;
}

/** A timetable's code on its colour (antd's Tag sets the colour; no style attribute of our own). */
export function CodeTag({ code, color }: { code: string; color?: string | null }) {
  return (
    <Tag color={color || 'default'} className="timetable-code-tag">
      {code}
    </Tag>
  );
}

const KIND_COLOURS: Record<string, string> = { fixed: 'blue', flexible: 'cyan', free: 'purple' };

export function KindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLOURS[kind]}>{isTimetableKind(kind) ? t(`timetables.kinds.${kind}`) : kind}</Tag>;
}

/** A version's start date; the first version's 2000-01-01 reads 最初. */
export function versionLabel(date: string, t: TFunction): string {
  return date === SINCE_ALWAYS ? t('timetables.versions.since_always') : t('timetables.versions.from', { date });
}
