// Test data of 考勤机 shaped exactly like the backend's DTOs: five terminals in every state (正常 with a drifting clock and
// quarantined records, 失败, 从未下载, 中断, 已停用), what a test connection and a pull answer, a sync log, quarantined
// records, the users on a terminal and what writing the roster to it did, and the refusals (a duplicate name, a pulled terminal that cannot be deleted, an unreachable terminal).
import type { DeviceInfoDto } from '../bindings/DeviceInfoDto';
import type { ErrorDto } from '../bindings/ErrorDto';
import type { PullLogDto } from '../bindings/PullLogDto';
import type { PushDeviceDto } from '../bindings/PushDeviceDto';
import type { PushReceiverDto } from '../bindings/PushReceiverDto';
import type { PullReport } from '../bindings/PullReport';
import type { QuarantineDto } from '../bindings/QuarantineDto';
import type { SyncStatusDto } from '../bindings/SyncStatusDto';
import type { TerminalDto } from '../bindings/TerminalDto';
import type { TerminalUserDto } from '../bindings/TerminalUserDto';
import type { UploadReport } from '../bindings/UploadReport';

const neverPulled: SyncStatusDto = {
  state: 'never',
  last_pull_at: null,
  last_ok_at: null,
  last_error: null,
  failing_since: null,
  device_records: null,
  stored: 0,
  quarantined: 0,
  skew_seconds: null,
  skew_warning: false,
  synced_until: null,
};

/** 一号门: pulled fine, a clock 75 s fast (a warning), two quarantined records, a comm key, a schedule and a group. */
export const gate1: TerminalDto = {
  id: 1,
  name: '一号门',
  host: '192.168.1.201',
  port: 4370,
  transport: 'auto',
  tz: 'Asia/Shanghai',
  location: '一楼大门',
  state_key: 'hint',
  name_codec: 'gbk',
  clear_after_pull: false,
  every_minutes: 30,
  at_times: ['08:30', '18:00'],
  enabled: true,
  group_ids: [1],
  group_names: ['白班组'],
  serial: 'CQZ7232460012',
  has_comm_key: true,
  sync: {
    state: 'ok',
    last_pull_at: '2026-10-08T00:30:00Z',
    last_ok_at: '2026-10-08T00:30:00Z',
    last_error: null,
    failing_since: null,
    device_records: 1200,
    stored: 1180,
    quarantined: 2,
    skew_seconds: 75,
    skew_warning: true,
    synced_until: '2026-10-08 08:31:15',
  },
};

/** 仓库: the last pulls failed (unreachable), UDP, no serial learned yet. */
export const warehouse: TerminalDto = {
  ...gate1,
  id: 2,
  name: '仓库',
  host: '192.168.1.202',
  port: 5005,
  transport: 'udp',
  location: '仓库',
  every_minutes: null,
  at_times: [],
  group_ids: [],
  group_names: [],
  serial: null,
  has_comm_key: false,
  sync: {
    ...neverPulled,
    state: 'failed',
    last_pull_at: '2026-10-08T01:00:00Z',
    last_ok_at: '2026-10-06T01:00:00Z',
    last_error: {
      zh: '连不上 192.168.1.202:5005（连接超时）：请检查考勤机是否开机、网线是否插好、IP 和端口是否正确',
      en: 'cannot reach 192.168.1.202:5005 (timed out): check that the terminal is on, the cable is in, and the IP and port are right',
    },
    failing_since: '2026-10-07T01:00:00Z',
    device_records: 300,
    stored: 300,
    skew_seconds: -5,
    skew_warning: false,
  },
};

/** 食堂: added, never pulled. */
export const canteen: TerminalDto = {
  ...warehouse,
  id: 3,
  name: '食堂',
  host: 'kq-canteen.local',
  port: 4370,
  transport: 'auto',
  location: '',
  sync: neverPulled,
};

/** 二号门: a pull stopped half-way. */
export const gate2: TerminalDto = {
  ...canteen,
  id: 4,
  name: '二号门',
  host: '192.168.1.204',
  sync: { ...neverPulled, state: 'interrupted', last_pull_at: '2026-10-08T02:00:00Z', stored: 50 },
};

/** 旧机器: disabled (its last pull was fine). */
export const oldTerminal: TerminalDto = {
  ...canteen,
  id: 5,
  name: '旧机器',
  host: '192.168.1.199',
  enabled: false,
  sync: { ...gate1.sync, quarantined: 0, skew_seconds: 0, skew_warning: false },
};

export const terminals: TerminalDto[] = [gate1, warehouse, canteen, gate2, oldTerminal];

/** What 测试连接 of 一号门 finds: a clock 75 s fast. */
export const gate1Info: DeviceInfoDto = {
  transport: 'tcp',
  serial: 'CQZ7232460012',
  firmware: 'Ver 6.60 Apr 28 2017',
  platform: 'ZMM220_TFT',
  device_name: 'iFace302',
  mac: '00:17:61:12:34:56',
  users: 120,
  user_capacity: 3000,
  records: 1234,
  record_capacity: 100000,
  device_time: '2026-10-08 09:01:15',
  pc_time: '2026-10-08 09:00:00',
  skew_seconds: 75,
  skew_warning: true,
};

/** After 校准时间: in step. */
export const gate1InStep: DeviceInfoDto = {
  ...gate1Info,
  device_time: '2026-10-08 09:02:00',
  pc_time: '2026-10-08 09:02:00',
  skew_seconds: 0,
  skew_warning: false,
};

/** What 立即下载 of 一号门 did: new punches, two impossible times, two PINs nobody has, a drifting clock, not cleared. */
export const gate1Pull: PullReport = {
  terminal_id: 1,
  terminal: '一号门',
  pull_id: 41,
  serial: 'CQZ7232460012',
  transport: 'tcp',
  records: 120,
  added: 100,
  already_stored: 18,
  quarantined: 2,
  bytes: 40960,
  record_size: 40,
  skew_seconds: 75,
  skew_warning: true,
  device_records: 120,
  device_records_after: 120,
  unknown_pins: ['21', '37'],
  cleared: false,
  clear_refused: {
    zh: '考勤机记录数在下载期间变了（120 → 121），这次不清除',
    en: 'the terminal’s record count changed during the download (120 → 121); not cleared this time',
  },
};

export const gate1Pulls: PullLogDto[] = [
  {
    id: 41,
    started_at: '2026-10-08T00:30:00Z',
    finished_at: '2026-10-08T00:30:09Z',
    outcome: 'ok',
    error: null,
    started_by: 'clerk',
    transport: 'tcp',
    skew_seconds: 75,
    device_records: 120,
    records: 120,
    added: 100,
    quarantined: 2,
    bytes: 40960,
    cleared_at: null,
  },
  {
    id: 40,
    started_at: '2026-10-07T00:30:00Z',
    finished_at: '2026-10-07T00:30:20Z',
    outcome: 'failed',
    error: { zh: '通讯密码不对：请核对考勤机「通讯设置」里的密码', en: 'the comm key was refused' },
    started_by: 'scheduler',
    transport: null,
    skew_seconds: null,
    device_records: null,
    records: 0,
    added: 0,
    quarantined: 0,
    bytes: 0,
    cleared_at: null,
  },
  {
    id: 39,
    started_at: '2026-10-06T00:30:00Z',
    finished_at: null,
    outcome: 'interrupted',
    error: null,
    started_by: 'scheduler',
    transport: 'udp',
    skew_seconds: 3,
    device_records: 20,
    records: 20,
    added: 20,
    quarantined: 0,
    bytes: 800,
    cleared_at: null,
  },
];

export const gate1Quarantine: QuarantineDto[] = [
  {
    id: 7,
    terminal: 'CQZ7232460012',
    pin: '1001',
    fields: '2026-02-30 08:01:00',
    raw_time: 793185660,
    reason: {
      zh: '时间不存在（2 月没有 30 日），考勤机时钟可能出过错；记录已保留，未计入考勤',
      en: 'the time does not exist (February has no 30th); the terminal’s clock may have failed. Kept, not counted',
    },
  },
  {
    id: 8,
    terminal: 'CQZ7232460012',
    pin: '1002',
    fields: '2026-10-08 25:10:00',
    raw_time: 800000000,
    reason: { zh: '时间不存在（25 点），考勤机时钟可能出过错；记录已保留，未计入考勤', en: 'the time does not exist (hour 25)' },
  },
];

/** save_terminal refusing a taken name, an address with a port, and an unknown zone (wire names `timezone`). */
export const saveRefused: ErrorDto = {
  code: 'invalid_input',
  message: { zh: '输入有误，请检查标红的项目', en: 'some fields are not valid' },
  fields: [
    {
      field: 'name',
      value: '一号门',
      problem: 'duplicate',
      message: { zh: '名称“一号门”已被 一号门 使用', en: 'name "一号门" is already used by 一号门' },
    },
    {
      field: 'host',
      value: '192.168.1.9:4370',
      problem: 'bad_characters',
      message: { zh: 'IP 地址“192.168.1.9:4370”不是地址：只填 IP，不要带端口', en: 'not an address' },
    },
    {
      field: 'timezone',
      value: 'Asia/Shanghai',
      problem: 'unknown_timezone',
      message: { zh: '不支持这个时区', en: 'unsupported time zone' },
    },
  ],
};

/** delete_terminal of a terminal that has been pulled. */
export const deleteRefused: ErrorDto = {
  code: 'invalid_input',
  message: {
    zh: '考勤机“一号门”已经下载过记录，要保留它的历史：请停用，不要删除',
    en: 'terminal "一号门" has been pulled and keeps its history: disable it instead of deleting it',
  },
  fields: [],
};

/** A terminal that does not answer. */
export const unreachable: ErrorDto = {
  code: 'terminal',
  message: {
    zh: '连不上 192.168.1.201:4370（连接被拒绝）：请检查考勤机是否开机、网线是否插好、IP 和端口是否正确',
    en: 'cannot reach 192.168.1.201:4370 (connection refused): check that the terminal is on, the cable is in, and the IP and port are right',
  },
  fields: [],
};

const noMatch = { employee_id: null, employee_no: null, employee_name: null, suggestion_id: null, suggestion_no: null };

/**
 * The users on 一号门: three matched by PIN (a super admin with a card, a plain user, a manager), one unmatched whose
 * name is that of 1007 王五 who has no PIN yet (a suggestion), and one unmatched with an odd privilege and no suggestion.
 */
export const gate1Users: TerminalUserDto[] = [
  { ...noMatch, pin: '1001', name: '张三', card: '4567890', privilege: 14, employee_id: 11, employee_no: '1001', employee_name: '张三' },
  { ...noMatch, pin: '1002', name: '李四', card: null, privilege: 0, employee_id: 13, employee_no: '1002', employee_name: '李四' },
  { ...noMatch, pin: '1003', name: '赵敏', card: null, privilege: 6, employee_id: 14, employee_no: '1003', employee_name: '赵敏' },
  { ...noMatch, pin: '21', name: '王五', card: '123', privilege: 2, suggestion_id: 17, suggestion_no: '1007' },
  { ...noMatch, pin: '37', name: 'GUEST', card: null, privilege: 3 },
];

/** The users on 一号门 once 1007 王五 has PIN 21. */
export const gate1UsersAdopted: TerminalUserDto[] = gate1Users.map((user) =>
  user.pin === '21'
    ? { ...user, employee_id: 17, employee_no: '1007', employee_name: '王五', suggestion_id: null, suggestion_no: null }
    : user,
);

/** 把人员写入考勤机 of 一号门: 12 written, 3 of them new, 2 people without a PIN left out. */
export const gate1Upload: UploadReport = { terminal: '一号门', written: 12, added: 3, without_pin: 2 };

/** The ADMS receiver as it starts: off, on the default port. */
export const receiverOff: PushReceiverDto = {
  enabled: false,
  host: '',
  port: 8081,
  listening: null,
  problem: null,
  lan_addresses: ['192.168.1.10'],
};
export const receiverOn: PushReceiverDto = { ...receiverOff, enabled: true, listening: '0.0.0.0:8081' };
/** Turned on, but another program holds the port. */
export const receiverBlocked: PushReceiverDto = {
  ...receiverOff,
  enabled: true,
  port: 80,
  problem: {
    zh: '端口 80 已被别的程序占用，无法接收考勤机推送：请换一个端口',
    en: 'port 80 is taken by another program, so terminal pushes cannot be received: pick another port',
  },
};
/** save_push_receiver refusing a host that is not an IP address. */
export const receiverRefused: ErrorDto = {
  code: 'invalid_input',
  message: { zh: '输入有误，未做任何修改', en: 'invalid input; nothing was changed' },
  fields: [
    {
      field: 'host',
      value: '门卫室电脑',
      problem: 'not_ip_address',
      message: {
        zh: 'IP 地址「门卫室电脑」应为本机的一个 IP 地址，如 192.168.1.10；留空表示本机所有地址',
        en: 'not an IP address',
      },
    },
  ],
};
/** One approved pushing device and one waiting for the clerk. */
export const pushDevices: PushDeviceDto[] = [
  {
    serial: 'ADMS0009',
    remote: '192.168.1.77',
    first_seen: '2026-10-08T01:00:00Z',
    last_seen: '2026-10-08T02:00:00Z',
    requests: 12,
    terminal_id: null,
    terminal: null,
    waiting: 3,
  },
  {
    serial: 'CQZ7232460012',
    remote: '192.168.1.201',
    first_seen: '2026-10-01T01:00:00Z',
    last_seen: '2026-10-08T02:00:00Z',
    requests: 400,
    terminal_id: 1,
    terminal: '一号门',
    waiting: 0,
  },
];
