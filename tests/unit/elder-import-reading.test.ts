import { describe, expect, it } from 'vitest';
import { cellsByField, mapImportColumns } from '../../gateway/src/core/elders/import-columns.js';
import { readImportRow } from '../../gateway/src/core/elders/import-row.js';
import { parseGroups, parseImportDate, parseSex } from '../../gateway/src/core/elders/import-values.js';
import { decodeCsvText } from '../../gateway/src/app/registry/import/read-import-file.js';
import { AppError } from '../../gateway/src/app/errors.js';

// Reading a civil-affairs list (issue 21): headers as the lists write them, dates as Excel and people type them,
// group words, and the encodings Excel saves CSV in.

describe('import columns', () => {
  it('when headers are the Chinese ones, variants, English aliases, full-width or spaced, then each finds its field', () => {
    const columns = mapImportColumns(['序号', ' 姓名 ', '身份证号码', '性别', '出生年月日', '联系电话', '家庭住址', '村（社区）', '乡镇（街道）', '人群类别', 'Guardian Phone', 'LAT']);
    expect(columns.missing).toEqual([]);
    expect(columns.index).toMatchObject({ name: 1, idNumber: 2, sex: 3, birthDate: 4, phone: 5, address: 6, community: 7, town: 8, groups: 9, guardianPhone: 10, lat: 11 });
    expect(columns.header.community).toBe('村（社区）');
  });

  it('when required headers are missing or a field is headed twice, then they are named', () => {
    const columns = mapImportColumns(['姓名', '电话', '联系电话']);
    expect(columns.missing).toEqual(['身份证号', '住址', '社区']);
    expect(columns.repeated).toEqual(['联系电话']);
  });

  it('when a row is read, then empty cells are absent and cells are trimmed', () => {
    const columns = mapImportColumns(['姓名', '身份证号', '住址', '社区', '电话']);
    expect(cellsByField(columns, [' 张三 ', '', '某地', '幸福社区'])).toEqual({ name: '张三', address: '某地', community: '幸福社区' });
  });
});

describe('import values', () => {
  it.each([
    ['1945-03-12', '1945-03-12'],
    ['1945/3/12', '1945-03-12'],
    ['1945.3.2', '1945-03-02'],
    ['1945年3月12日', '1945-03-12'],
    ['19450312', '1945-03-12'],
    ['16508', '1945-03-12'],
    ['16508.0', '1945-03-12'],
    ['1945-02-30', null],
    ['19451312', null],
    ['12/03/1945', null],
    ['三月', null],
  ])('when a date is written %s, then it reads %s', (text, date) => {
    expect(parseImportDate(text)).toBe(date);
  });

  it('when groups are separated by 、 , ； or spaces, then each is found, 高龄 is skipped as derived, and unknown words are named', () => {
    expect(parseGroups('独居、低保，失能;空巢 留守 高龄')).toEqual({ groups: ['living_alone', 'minimum_living', 'disabled', 'empty_nest', 'left_behind'], unknown: [] });
    expect(parseGroups('独居、五保').unknown).toEqual(['五保']);
  });

  it('when sex is 男, 女, male or F, then it reads; anything else is null', () => {
    expect([parseSex('男'), parseSex('女'), parseSex('Male'), parseSex('F'), parseSex('未知')]).toEqual(['male', 'female', 'male', 'female', null]);
  });

  it('when a row gives half an assessment, half a location or a guardian without a phone, then each half is a problem of its column', () => {
    const row = readImportRow({ name: '张三', idNumber: 'x', address: 'a', assessmentLevel: '中度受损', lat: '30.1', guardianName: '张明' });
    expect(row.problems.map((p) => [p.field, p.code])).toEqual([
      ['assessedOn', 'IMPORT_VALUE_MISSING'],
      ['assessor', 'IMPORT_VALUE_MISSING'],
      ['lng', 'IMPORT_VALUE_MISSING'],
      ['guardianPhone', 'IMPORT_VALUE_MISSING'],
    ]);
  });
});

describe('CSV encodings', () => {
  const text = '姓名,住址\r\n张桂英,"幸福社区3栋, 201"\r\n';

  it('when a CSV is UTF-8 with or without BOM, then it reads as UTF-8 without the BOM', () => {
    expect(decodeCsvText(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsvText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toEqual({ text, encoding: 'utf-8' });
  });

  it('when a CSV is GBK (张桂英 as Excel saves it), then it reads as GB18030', () => {
    // 张 D5C5, 桂 B9F0, 英 D3A2 in GBK
    const gbk = Buffer.from([0xd5, 0xc5, 0xb9, 0xf0, 0xd3, 0xa2, 0x2c, 0x31, 0x0d, 0x0a]);
    expect(decodeCsvText(gbk)).toEqual({ text: '张桂英,1\r\n', encoding: 'gb18030' });
  });

  it('when a CSV is UTF-16 or binary, then IMPORT_ENCODING_UNKNOWN', () => {
    const code = (bytes: Buffer) => {
      try {
        decodeCsvText(bytes);
        return null;
      } catch (err) {
        return err instanceof AppError ? err.code : 'other';
      }
    };
    expect(code(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe('IMPORT_ENCODING_UNKNOWN');
    expect(code(Buffer.from([0x00, 0x01, 0x02, 0x81, 0x30, 0x81, 0x30]))).toBe('IMPORT_ENCODING_UNKNOWN');
  });
});
