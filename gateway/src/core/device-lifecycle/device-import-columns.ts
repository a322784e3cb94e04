import { DEVICE_KINDS, type DeviceKind } from '../../../../schemas/index.js';
import { cellsOfFields, normaliseHeader } from '../elders/import-columns.js';

// The columns of a device file (设备清单) for bulk registration, found by their headers in Chinese or English, and
// the device kinds as an installer writes them: the API's name (call_button), with a hyphen, or the Chinese name
// the desk shows (呼叫器) and a few common ones (一键呼叫器, 烟感).

export const DEVICE_IMPORT_FIELDS = ['id', 'kind', 'elderId', 'elderIdNumber', 'room', 'model'] as const;
export type DeviceImportField = (typeof DEVICE_IMPORT_FIELDS)[number];

/** The first header is the template's; the others are accepted too. */
export const DEVICE_IMPORT_HEADERS: Record<DeviceImportField, readonly string[]> = {
  id: ['设备编号', '设备ID', '设备号', 'id', 'device id', 'deviceId'],
  kind: ['类型', '设备类型', 'kind', 'type'],
  elderId: ['老人编号', '老人ID', 'elderId', 'elder id'],
  elderIdNumber: ['身份证号', '身份证号码', '公民身份号码', 'elderIdNumber', 'id number'],
  room: ['位置', '安装位置', '房间', 'room', 'place'],
  model: ['型号', '设备型号', 'model'],
};

/** The Chinese names of each kind; the first is the one the desk shows. */
export const DEVICE_KIND_NAMES_ZH: Record<DeviceKind, readonly string[]> = {
  call_button: ['呼叫器', '一键呼叫器', '紧急呼叫器', '呼叫按钮'],
  wearable: ['智能手环', '手环', '智能手表', '手表'],
  camera: ['摄像头', '摄像机'],
  smoke_detector: ['烟雾探测器', '烟感', '烟雾报警器'],
  gas_detector: ['燃气探测器', '燃气报警器', '可燃气体探测器'],
  water_leak_sensor: ['水浸传感器', '水浸探测器', '水浸'],
  door_sensor: ['门磁', '门磁传感器', '门窗传感器'],
  motion_sensor: ['人体感应器', '红外感应器', '人体红外探测器'],
  bed_sensor: ['床垫传感器', '睡眠监测带', '床带'],
};

const BY_HEADER = new Map<string, DeviceImportField>(
  DEVICE_IMPORT_FIELDS.flatMap((field) => DEVICE_IMPORT_HEADERS[field].map((h) => [normaliseHeader(h), field] as const)),
);

const KIND_BY_NAME = new Map<string, DeviceKind>(
  DEVICE_KINDS.flatMap((kind) => [kind, kind.replaceAll('_', '-'), ...DEVICE_KIND_NAMES_ZH[kind]].map((name) => [normaliseHeader(name), kind] as const)),
);

/** The kind a cell names, or null. */
export const deviceKindNamed = (text: string): DeviceKind | null => KIND_BY_NAME.get(normaliseHeader(text)) ?? null;

export interface DeviceColumnMap {
  index: Partial<Record<DeviceImportField, number>>;
  /** What no row can do without, by the template's header: the kind, and the elder by id or ID number. */
  missing: string[];
  /** Headers naming a field a second time: ambiguous, so refused. */
  repeated: string[];
}

/** Which column holds which field; other columns (序号, 备注) are ignored. */
export function mapDeviceColumns(headers: readonly string[]): DeviceColumnMap {
  const index: DeviceColumnMap['index'] = {};
  const repeated: string[] = [];
  headers.forEach((raw, i) => {
    const field = BY_HEADER.get(normaliseHeader(raw));
    if (field === undefined) return;
    if (index[field] !== undefined) repeated.push(raw.trim());
    else index[field] = i;
  });
  const missing: string[] = [];
  if (index.kind === undefined) missing.push(DEVICE_IMPORT_HEADERS.kind[0]!);
  if (index.elderId === undefined && index.elderIdNumber === undefined) missing.push(`${DEVICE_IMPORT_HEADERS.elderId[0]!} / ${DEVICE_IMPORT_HEADERS.elderIdNumber[0]!}`);
  return { index, missing, repeated };
}

/** A row's cells by field, trimmed; an empty cell is absent. */
export const deviceCells = (columns: DeviceColumnMap, cells: readonly string[]): Partial<Record<DeviceImportField, string>> =>
  cellsOfFields(DEVICE_IMPORT_FIELDS, columns.index, cells);
