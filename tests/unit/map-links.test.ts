import { describe, expect, it } from 'vitest';
import { amapLink, baiduLink, geoLink, mapLinks, tencentLink, wgs84ToGcj02, type MapPlace } from '../../dashboard/src/shared/map-links.js';

// The map links of an elder's home (dashboard/src/shared/map-links.ts): the WGS-84 → GCJ-02 conversion against
// published points, each scheme's order of latitude and longitude, and Chinese names percent-encoded and stripped of
// the separators their scheme parses.

// WGS-84 → GCJ-02 pairs from the tests of gcoord (github.com/hujiulong/gcoord), as [lng, lat]. The formula's own
// reference point (test/unit/crs/WGS84.spec.ts) must come out to 1e-6 degrees. The cities (test/fixtures/
// china-cities.json, from the map providers' conversion, which the public formula follows to about half a metre) to
// 1e-5 degrees, about a metre: a responder finds the door from there; the shift corrected is some 500 m.
const FORMULA_POINT = { wgs: { lng: 123, lat: 45 }, gcj: { lng: 123.00607541, lat: 45.00197815 } };
const CITIES: { city: string; wgs: [number, number]; gcj: [number, number] }[] = [
  { city: '荆门市', wgs: [112.1935849, 31.0376011], gcj: [112.1994301, 31.0354012] },
  { city: '宜昌市', wgs: [111.2808211, 30.6944096], gcj: [111.2864741, 30.6919691] },
  { city: '鄂州市', wgs: [114.8898012, 30.3946322], gcj: [114.8948492, 30.3919431] },
  { city: '郑州市', wgs: [113.6192856, 34.7478004], gcj: [113.6253334, 34.7466173] },
  { city: '沈阳市', wgs: [123.4253306, 41.8032629], gcj: [123.4314787, 41.8057023] },
  { city: '那曲地区', wgs: [92.0499619, 31.4784436], gcj: [92.0512438, 31.4762063] },
];

const HOME: MapPlace = { location: { lat: 30.612345, lng: 114.302468 }, title: '周桂兰', detail: '清源县城关镇幸福社区8栋302' };

/** The link's query as the map's server reads it (percent-decoding once). */
const query = (href: string) => new URL(href).searchParams;
/** Only printable ASCII: nothing typed went into the link raw. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

describe('WGS-84 to GCJ-02', () => {
  it("when the formula's reference point is converted, then it lands on the published GCJ-02 point to 1e-6 degrees", () => {
    const converted = wgs84ToGcj02(FORMULA_POINT.wgs);
    expect(Math.abs(converted.lng - FORMULA_POINT.gcj.lng)).toBeLessThan(1e-6);
    expect(Math.abs(converted.lat - FORMULA_POINT.gcj.lat)).toBeLessThan(1e-6);
  });

  it.each(CITIES)('when $city is converted, then it lands within 1e-5 degrees of the published GCJ-02 point', ({ wgs, gcj }) => {
    const converted = wgs84ToGcj02({ lng: wgs[0], lat: wgs[1] });
    expect(Math.abs(converted.lng - gcj[0])).toBeLessThan(1e-5);
    expect(Math.abs(converted.lat - gcj[1])).toBeLessThan(1e-5);
    // and it was moved: by hundreds of metres, not left where it was
    expect(Math.abs(converted.lng - wgs[0]) + Math.abs(converted.lat - wgs[1])).toBeGreaterThan(1e-3);
  });

  it('when a point is outside China, then it is not shifted', () => {
    expect(wgs84ToGcj02({ lat: 51.5007, lng: -0.1246 })).toEqual({ lat: 51.5007, lng: -0.1246 });
    expect(wgs84ToGcj02({ lat: -33.8568, lng: 151.2153 })).toEqual({ lat: -33.8568, lng: 151.2153 });
  });
});

describe('map links', () => {
  const gcj = wgs84ToGcj02(HOME.location);

  it('when Amap is linked, then the position is GCJ-02 lng,lat with the name in Chinese, and it asks for the app', () => {
    const href = amapLink(HOME);
    expect(href.startsWith('https://uri.amap.com/marker?')).toBe(true);
    expect(href).toMatch(PRINTABLE_ASCII);
    const q = query(href);
    expect(q.get('position')).toBe(`${gcj.lng.toFixed(6)},${gcj.lat.toFixed(6)}`);
    expect(q.get('coordinate')).toBe('gaode');
    expect(q.get('callnative')).toBe('1');
    expect(q.get('name')).toBe('周桂兰 清源县城关镇幸福社区8栋302');
  });

  it('when Baidu is linked, then the location is GCJ-02 lat,lng, said to be gcj02, with title and address', () => {
    const href = baiduLink(HOME);
    expect(href.startsWith('https://api.map.baidu.com/marker?')).toBe(true);
    expect(href).toMatch(PRINTABLE_ASCII);
    const q = query(href);
    expect(q.get('location')).toBe(`${gcj.lat.toFixed(6)},${gcj.lng.toFixed(6)}`);
    expect(q.get('coord_type')).toBe('gcj02');
    expect(q.get('output')).toBe('html');
    expect(q.get('title')).toBe('周桂兰');
    expect(q.get('content')).toBe('清源县城关镇幸福社区8栋302');
    expect(q.get('src')).toMatch(/^webapp\.\w+\.\w+$/);
  });

  it('when Tencent is linked, then the marker holds GCJ-02 lat,lng, title and address', () => {
    const href = tencentLink(HOME);
    expect(href.startsWith('https://apis.map.qq.com/uri/v1/marker?')).toBe(true);
    expect(href).toMatch(PRINTABLE_ASCII);
    const q = query(href);
    expect(q.get('marker')).toBe(`coord:${gcj.lat.toFixed(6)},${gcj.lng.toFixed(6)};title:周桂兰;addr:清源县城关镇幸福社区8栋302`);
    expect(q.get('coord_type')).toBe('2');
    expect(q.get('referer')).not.toBe('');
  });

  it('when a name holds the separators of a scheme, then they are taken out and cannot add a parameter or a marker field', () => {
    const tricky: MapPlace = { location: HOME.location, title: '王;title:假|李 (老)', detail: '东关村&callnative=0#1号' };
    const tencent = query(tencentLink(tricky)).get('marker')!;
    expect(tencent.split(';')).toHaveLength(3);
    expect(tencent).toContain(';title:王 title 假 李 (老);addr:东关村&callnative=0#1号');
    const amap = query(amapLink(tricky));
    expect(amap.get('callnative')).toBe('1');
    expect(amap.getAll('callnative')).toHaveLength(1);
    expect(amap.get('name')).toBe('王;title:假|李 (老) 东关村&callnative=0#1号');
    const geo = geoLink(tricky);
    expect(geo).toMatch(PRINTABLE_ASCII);
    expect(decodeURIComponent(geo.slice(geo.indexOf('(') + 1, -1))).toBe('王;title:假|李 老 东关村&callnative=0#1号');
  });

  it('when the geo: URI is built, then it is WGS-84 lat,lng, unconverted, with the label in brackets', () => {
    const geo = geoLink(HOME);
    expect(geo.startsWith('geo:30.612345,114.302468?q=30.612345,114.302468(')).toBe(true);
    expect(geo.endsWith(')')).toBe(true);
    expect(geo).toMatch(PRINTABLE_ASCII);
    expect(decodeURIComponent(geo.slice(geo.indexOf('(') + 1, -1))).toBe('周桂兰 清源县城关镇幸福社区8栋302');
  });

  it('when a southern or western point is linked, then the signs stay and each scheme keeps its order', () => {
    const sydney: MapPlace = { location: { lat: -33.8568, lng: 151.2153 }, title: 'Opera', detail: 'Sydney' };
    expect(query(amapLink(sydney)).get('position')).toBe('151.215300,-33.856800');
    expect(query(baiduLink(sydney)).get('location')).toBe('-33.856800,151.215300');
    expect(geoLink(sydney).startsWith('geo:-33.856800,151.215300?')).toBe(true);
  });

  it('when all links are asked for, then Amap, Baidu, Tencent and geo: come in that order', () => {
    expect(mapLinks(HOME).map((l) => l.app)).toEqual(['amap', 'baidu', 'tencent', 'geo']);
  });
});
