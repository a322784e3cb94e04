import type { Lang } from '../langs.js';

// The region strings, zh-CN first (see messages.ts): the levels' names as the plans give them (used until GET
// /regions has told the desk the deployment's own), and a region named with its level in pickers and reports.
export const REGIONS_MESSAGES: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    'region.level.city': '市',
    'region.level.district': '区',
    'region.level.county': '县',
    'region.level.town': '镇(街道)',
    'region.level.street': '街道',
    'region.level.community': '村(社区)',
    'region.withLevel': '{name}（{level}）',
    'region.allLowest': '全部{level}',
    'region.breakdown.heading': '下辖区域（{levels}）',
    'region.breakdown.none': '本区域下没有下级区域',
    'region.levelSeparator': '、',
  },
  en: {
    'region.level.city': 'City',
    'region.level.district': 'District',
    'region.level.county': 'County',
    'region.level.town': 'Town',
    'region.level.street': 'Street',
    'region.level.community': 'Community',
    'region.withLevel': '{name} ({level})',
    'region.allLowest': 'Every {level}',
    'region.breakdown.heading': 'Regions below ({levels})',
    'region.breakdown.none': 'No regions below this one',
    'region.levelSeparator': ', ',
  },
};
