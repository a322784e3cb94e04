import { DEVICE_IMPORT_FIELDS, DEVICE_IMPORT_HEADERS, DEVICE_KIND_NAMES_ZH, type DeviceImportField } from '../../../core/device-lifecycle/device-import-columns.js';
import { csvLine } from '../../../core/reports/csv.js';
import { idNumberCheckCharacter } from '../../../../../schemas/index.js';

// The device file the import reads best: the template's headers and two example rows, one naming the elder by id
// and a device id printed on the box, one by the elder's ID number with the id left for the gateway to make. A UTF-8
// BOM first, without which Excel in China opens the file as GBK and garbles the headers.

/** The elder template's example person (registry/import/import-template.ts), with a valid check character. */
const EXAMPLE_ID_17 = '33010219450312002';

const EXAMPLES: ReadonlyArray<Record<DeviceImportField, string>> = [
  { id: 'btn-0001', kind: DEVICE_KIND_NAMES_ZH.call_button[0]!, elderId: 'elder-0001', elderIdNumber: '', room: '卧室', model: 'HB-100' },
  { id: '', kind: 'door_sensor', elderId: '', elderIdNumber: EXAMPLE_ID_17 + idNumberCheckCharacter(EXAMPLE_ID_17), room: '入户门', model: '' },
];

export function deviceImportTemplateCsv(): Buffer {
  const header = csvLine(DEVICE_IMPORT_FIELDS.map((f) => DEVICE_IMPORT_HEADERS[f][0]!));
  const rows = EXAMPLES.map((row) => csvLine(DEVICE_IMPORT_FIELDS.map((f) => row[f])));
  return Buffer.from(`\uFEFF${header}${rows.join('')}`, 'utf8');
}
