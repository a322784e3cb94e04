import { pick, randomInt, seededRandom } from './seeded-random.js';

// Plausible, made-up elders for simulated homes: a county → town/street → community (or village) address,
// as the three-level service network is laid out. Every profile is a function of (seed, index), so a run
// that provisions homes 0..11 and a later run that tops up 12..35 give the same people as one run of 36.

export interface HomeProfile {
  name: string;
  address: string;
  phone: string;
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

export function homeProfile(seed: number, index: number): HomeProfile {
  // Mixing the index into the seed keeps each profile independent of how many came before it.
  const random = seededRandom(seed * 100_003 + index);
  const name = pick(random, SURNAMES) + pick(random, GIVEN_NAMES);
  const town = pick(random, TOWNS);
  const community = pick(random, town.communities);
  const dwelling = community.endsWith('村')
    ? `${randomInt(random, 1, 9)}组${randomInt(random, 1, 60)}号`
    : `${randomInt(random, 1, 24)}栋${randomInt(random, 1, 4)}单元${randomInt(random, 1, 6)}0${randomInt(random, 1, 4)}`;
  const phone = `1${pick(random, ['38', '39', '58', '86', '37'])}${String(randomInt(random, 0, 99_999_999)).padStart(8, '0')}`;
  return { name, address: `${COUNTY}${town.name}${community}${dwelling}`, phone };
}
