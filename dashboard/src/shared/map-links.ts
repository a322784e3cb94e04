// Links that open a phone's map app at an elder's home: the three map apps Chinese phones carry (高德 Amap, 百度
// Baidu, 腾讯 Tencent) as their https "URI API" pages, which work on every phone and on the desk's PC, and open the
// app when it is installed; and Android's geo: URI, which offers every map app on the phone.
//
// Datums. The gateway stores WGS-84, what a GPS gives. Maps published in China are drawn in GCJ-02 (Baidu's in
// BD-09), offset from WGS-84 by up to a few hundred metres, so a WGS-84 point given as GCJ-02 lands in the wrong
// street. We convert to GCJ-02 here, with the published formula, and give all three apps GCJ-02 labelled as such:
//   - it is the default of Amap's marker URI (coordinate=gaode) and of Tencent's (coord_type=2), and Baidu takes it
//     with coord_type=gcj02: every app gets the system it draws in, or one it converts from itself;
//   - Amap's and Tencent's wgs84/GPS switches are documented for their web pages; whether they survive the hand-over to
//     the app (callnative=1) is not, and a wrong street is the one failure a responder on the way cannot see;
//   - one conversion, unit-tested against published points, instead of three providers' conversions we cannot test.
// The geo: URI stays WGS-84, as RFC 5870 defines it.
// Everything typed (name, address) is percent-encoded; the separators each scheme parses are removed from it first.

import type { GeoPoint } from '../../../schemas/index.js';

/** Who asks, as Amap's `src`, Baidu's `src` (webapp.company.app) and Tencent's `referer` want to be told. */
const SOURCE = 'eldercare-desk';
const BAIDU_SOURCE = 'webapp.eldercare.desk';

export type MapApp = 'amap' | 'baidu' | 'tencent' | 'geo';

export interface MapPlace {
  location: GeoPoint;
  /** The marker's title: the elder's name. */
  title: string;
  /** Under the title: the address. */
  detail: string;
}

export interface MapLink {
  app: MapApp;
  href: string;
}

// ---- WGS-84 → GCJ-02 ----

/** Krasovsky 1940, the ellipsoid the GCJ-02 formula is written for. */
const A = 6378245.0;
const EE = 0.006_693_421_622_965_943;

/** The formula shifts points inside this box only (mainland China, roughly); outside it GCJ-02 is WGS-84. */
function outsideChina({ lat, lng }: GeoPoint): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function shiftLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function shiftLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** The GCJ-02 ("Mars") coordinates of a WGS-84 point: what Amap and Tencent draw in. */
export function wgs84ToGcj02(point: GeoPoint): GeoPoint {
  if (outsideChina(point)) return { lat: point.lat, lng: point.lng };
  const x = point.lng - 105;
  const y = point.lat - 35;
  const radLat = (point.lat / 180) * Math.PI;
  const sin = Math.sin(radLat);
  const magic = 1 - EE * sin * sin;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (shiftLat(x, y) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (shiftLng(x, y) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: point.lat + dLat, lng: point.lng + dLng };
}

// ---- the links ----

/** Six decimals: about 0.1 m, finer than any home needs, and no float noise in the link. */
const deg = (value: number): string => value.toFixed(6);

/** Typed text for a query value: trimmed, the scheme's own separators replaced by spaces, percent-encoded. */
function text(value: string, separators?: RegExp): string {
  const kept = separators ? value.replace(separators, ' ') : value;
  return encodeURIComponent(kept.replace(/\s+/g, ' ').trim());
}

/** Amap's marker page (https://lbs.amap.com/api/uri-api/guide/mobile-web/point): position is lng,lat. */
export function amapLink(place: MapPlace): string {
  const gcj = wgs84ToGcj02(place.location);
  const name = text(`${place.title} ${place.detail}`);
  return `https://uri.amap.com/marker?position=${deg(gcj.lng)},${deg(gcj.lat)}&name=${name}&src=${SOURCE}&coordinate=gaode&callnative=1`;
}

/** Baidu's marker page (lbsyun.baidu.com URI API, web): location is lat,lng; output=html shows the map. */
export function baiduLink(place: MapPlace): string {
  const gcj = wgs84ToGcj02(place.location);
  return (
    `https://api.map.baidu.com/marker?location=${deg(gcj.lat)},${deg(gcj.lng)}&title=${text(place.title)}&content=${text(place.detail)}` +
    `&coord_type=gcj02&output=html&src=${BAIDU_SOURCE}`
  );
}

/**
 * Tencent's marker page (https://lbs.qq.com/webApi/uriV1/uriGuide/uriWebMarker): marker=coord:lat,lng;title:…;addr:…,
 * its parts split at ";" and ":", several markers at "|", so those are taken out of the typed text.
 */
export function tencentLink(place: MapPlace): string {
  const gcj = wgs84ToGcj02(place.location);
  const separators = /[;:|；：]/g;
  const marker = `coord:${deg(gcj.lat)},${deg(gcj.lng)};title:${text(place.title, separators)};addr:${text(place.detail, separators)}`;
  return `https://apis.map.qq.com/uri/v1/marker?marker=${marker}&coord_type=2&referer=${SOURCE}`;
}

/** Android's geo: URI (geo:lat,lng?q=lat,lng(label)), WGS-84; the label ends at ")", so brackets are taken out. */
export function geoLink(place: MapPlace): string {
  const at = `${deg(place.location.lat)},${deg(place.location.lng)}`;
  return `geo:${at}?q=${at}(${text(`${place.title} ${place.detail}`, /[()（）]/g)})`;
}

/** Every app's link to the place, the most used app first. */
export function mapLinks(place: MapPlace): MapLink[] {
  return [
    { app: 'amap', href: amapLink(place) },
    { app: 'baidu', href: baiduLink(place) },
    { app: 'tencent', href: tencentLink(place) },
    { app: 'geo', href: geoLink(place) },
  ];
}
