import type { DeviceKind, RiskCategory } from '../../schemas/index.js';
import { pick, randomInt, seededRandom, type Random } from './seeded-random.js';

// Plausible, made-up elders for simulated homes: a county → town/street → community (or village) address,
// as the three-level service network is laid out, a risk category, and the devices installed for them.
// Every profile is a function of (seed, index), so a run that provisions homes 0..11 and a later run that tops up
// 12..35 give the same people and devices as one run of 36.

export interface HomeDevicePlan {
  kind: DeviceKind;
  /** Where it is installed; the gateway shows it with alerts and times bathroom stays by it. */
  room: string;
}

export interface HomeProfile {
  name: string;
  address: string;
  phone: string;
  riskCategory: RiskCategory;
  /** A private home with a home-care bed, or a room of a care institution watched by a camera. */
  setting: 'home' | 'institution';
  /** Always a call button first; then what this home has. */
  devices: HomeDevicePlan[];
}

const COUNTY = '清源县';
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗'];
// Given names common among people born in the 1930s–1950s.
const GIVEN_NAMES = [
  '桂英', '秀兰', '玉兰', '淑珍', '秀英', '凤英', '兰英', '金花', '素芬', '桂芳',
  '建国', '德明', '国华', '福林', '志强', '文华', '长生', '永福', '学文', '树林',
];
const TOWNS: readonly { name: string; communities: readonly string[] }[] = [
  { name: '城关镇', communities: ['幸福社区', '和平社区', '新华社区'] },
  { name: '东湖街道', communities: ['向阳社区', '民主社区', '滨湖社区'] },
  { name: '河口镇', communities: ['红星村', '河口社区', '柳树村'] },
  { name: '青山镇', communities: ['青山村', '石桥村', '团结社区'] },
];
/** The care institution's community, where every institution room's elder belongs. */
export const INSTITUTION_PLACE = { town: '城关镇', community: '幸福社区' } as const;

/** The county's care institution, where every twelfth simulated elder lives in a room with a camera. */
const INSTITUTION = `${INSTITUTION_PLACE.town}${INSTITUTION_PLACE.community}颐养中心`;
const INSTITUTION_EVERY = 12;

// The groups the county's visiting-care programme tracks, weighted roughly as its rolls are.
const RISK_CATEGORIES: readonly RiskCategory[] = [
  'alone', 'alone', 'alone', 'empty_nest', 'empty_nest', 'very_old', 'very_old', 'disabled', 'hardship', 'general', 'general',
];

export function homeProfile(seed: number, index: number): HomeProfile {
  // Mixing the index into the seed keeps each profile independent of how many came before it.
  const random = seededRandom(seed * 100_003 + index);
  // The draws for name, address and phone come first and in this order, so the people of earlier demo runs stay.
  const name = pick(random, SURNAMES) + pick(random, GIVEN_NAMES);
  const town = pick(random, TOWNS);
  const community = pick(random, town.communities);
  const dwelling = dwellingIn(random, community);
  const phone = `1${pick(random, ['38', '39', '58', '86', '37'])}${String(randomInt(random, 0, 99_999_999)).padStart(8, '0')}`;
  const riskCategory = pick(random, RISK_CATEGORIES);

  if (index % INSTITUTION_EVERY === INSTITUTION_EVERY - 1) {
    const room = `${randomInt(random, 1, 3)}0${randomInt(random, 1, 9)}`;
    return {
      name,
      address: `${COUNTY}${INSTITUTION}${room}室`,
      phone,
      riskCategory: pick(random, ['disabled', 'very_old'] as const),
      setting: 'institution',
      devices: institutionDevices(random, room),
    };
  }
  return { name, address: `${COUNTY}${town.name}${community}${dwelling}`, phone, riskCategory, setting: 'home', devices: homeDevices(random) };
}

/**
 * The profile's home placed in a given town and community (the demo's care network puts every home in one of its
 * communities): the same person, an address there. An institution room keeps its address, the county's care
 * institution. The dwelling has its own draws, so the profile's people and devices stay as they are.
 */
export function addressInCommunity(profile: HomeProfile, seed: number, index: number, town: string, community: string): string {
  if (profile.setting === 'institution') return profile.address;
  const random = seededRandom((seed * 100_003 + index) ^ 0x5a17_c0de);
  return `${COUNTY}${town}${community}${dwellingIn(random, community)}`;
}

/** House number in a village (组, 号), or building, unit and flat in a town community. */
function dwellingIn(random: Random, community: string): string {
  return community.endsWith('村')
    ? `${randomInt(random, 1, 9)}组${randomInt(random, 1, 60)}号`
    : `${randomInt(random, 1, 24)}栋${randomInt(random, 1, 4)}单元${randomInt(random, 1, 6)}0${randomInt(random, 1, 4)}`;
}

/** A home-care bed's kit: the call button always; sensors as the household chose them. */
function homeDevices(random: Random): HomeDevicePlan[] {
  const devices: HomeDevicePlan[] = [{ kind: 'call_button', room: 'bedroom' }];
  const has = (share: number): boolean => random() < share;
  if (has(0.45)) devices.push({ kind: 'wearable', room: 'bedroom' });
  if (has(0.4)) devices.push({ kind: 'bed_sensor', room: 'bedroom' });
  if (has(0.7)) devices.push({ kind: 'smoke_detector', room: 'kitchen' });
  if (has(0.5)) devices.push({ kind: 'gas_detector', room: 'kitchen' });
  if (has(0.25)) devices.push({ kind: 'water_leak_sensor', room: 'bathroom' });
  if (has(0.6)) devices.push({ kind: 'door_sensor', room: 'entrance' });
  if (has(0.6)) {
    devices.push({ kind: 'motion_sensor', room: 'living_room' });
    if (has(0.5)) devices.push({ kind: 'motion_sensor', room: 'bathroom' });
  }
  return devices;
}

/** An institution room: call button, the room camera with on-board analytics, a bed sensor, often a watch. */
function institutionDevices(random: Random, room: string): HomeDevicePlan[] {
  const devices: HomeDevicePlan[] = [
    { kind: 'call_button', room },
    { kind: 'camera', room },
    { kind: 'bed_sensor', room },
  ];
  if (random() < 0.5) devices.push({ kind: 'wearable', room });
  return devices;
}
