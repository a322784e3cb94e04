import type { ResponderKind, UserRole } from '../../../schemas/index.js';
import { GatewayApiError, type GatewayClient, type RegionReply, type UserReply } from '../gateway-client.js';
import { INSTITUTION_PLACE, type HomeProfile } from '../home-profiles.js';
import type { HomePlacement } from '../home-provisioning.js';

// The demo's care network, so the desk has somebody to dispatch: under the root county a town (城关镇) with three
// communities, two responders in each, a service provider for the town, and a duty operator and a supervisor for the
// county. Built through the REST API as an admin would, and idempotent: regions are looked up by name before one is
// created, accounts by username (a 409 USERNAME_TAKEN counts as "exists"), so a restarted demo adds nothing.

// Fixed passwords for the demo only, printed in its banner like the admin's demo-password-2026. A real deployment
// creates its accounts with their own passwords (POST /api/v1/users).
export const DEMO_DUTY_PASSWORD = 'demo-duty-2026';
export const DEMO_SUPERVISOR_PASSWORD = 'demo-supervisor-2026';
export const DEMO_RESPONDER_PASSWORD = 'demo-care-2026';

interface AccountPlan {
  username: string;
  displayName: string;
  phone: string;
  role: UserRole;
  responderKind?: ResponderKind;
  password: string;
}

const responder = (username: string, displayName: string, phone: string, responderKind: ResponderKind): AccountPlan => ({
  username,
  displayName,
  phone,
  role: 'responder',
  responderKind,
  password: DEMO_RESPONDER_PASSWORD,
});

/** The town and its communities, each with a care worker and a nurse (the village's is its village doctor). */
export const DEMO_TOWN = {
  name: '城关镇',
  serviceProvider: responder('chengguan-service', '周师傅（城关镇居家养老服务站）', '13907310301', 'service_provider'),
  communities: [
    {
      name: '幸福社区',
      responders: [
        responder('xingfu-care', '李秀梅', '13907310101', 'care_worker'),
        responder('xingfu-nurse', '王丽娟', '13907310102', 'nurse'),
      ],
    },
    {
      name: '和平社区',
      responders: [
        responder('heping-care', '张海燕', '13907310111', 'care_worker'),
        responder('heping-nurse', '刘芳', '13907310112', 'nurse'),
      ],
    },
    {
      name: '东关村',
      responders: [
        responder('dongguan-care', '赵春兰', '13907310121', 'care_worker'),
        responder('dongguan-nurse', '孙建华（村医）', '13907310122', 'nurse'),
      ],
    },
  ],
} as const;

/** The county's duty desk. */
const DUTY: AccountPlan = { username: 'duty', displayName: '值班员 陈静', phone: '13907310001', role: 'operator', password: DEMO_DUTY_PASSWORD };
const SUPERVISOR: AccountPlan = {
  username: 'supervisor',
  displayName: '值班主任 杨国强',
  phone: '13907310002',
  role: 'supervisor',
  password: DEMO_SUPERVISOR_PASSWORD,
};

export interface CommunityTeam {
  region: RegionReply;
  /** The community's care worker and nurse. */
  responders: UserReply[];
}

export interface CareNetwork {
  county: RegionReply;
  town: RegionReply;
  communities: CommunityTeam[];
  serviceProvider: UserReply;
  duty: UserReply;
  supervisor: UserReply;
  /** What this call added; both 0 when the network was there already (a restarted demo). */
  created: { regions: number; users: number };
}

/** A login for the banner. */
export interface DemoLogin {
  username: string;
  password: string;
  displayName: string;
}

export const DEMO_LOGINS = {
  duty: { username: DUTY.username, password: DUTY.password, displayName: DUTY.displayName },
  supervisor: { username: SUPERVISOR.username, password: SUPERVISOR.password, displayName: SUPERVISOR.displayName },
  responder: {
    username: DEMO_TOWN.communities[0].responders[0].username,
    password: DEMO_RESPONDER_PASSWORD,
    displayName: DEMO_TOWN.communities[0].responders[0].displayName,
  },
} satisfies Record<string, DemoLogin>;

/**
 * Finds or creates the demo's regions and accounts (the client must be the county's admin). `note` is told what was
 * added and anything found that does not look as planned.
 */
export async function ensureCareNetwork(client: GatewayClient, note: (text: string) => void = () => undefined): Promise<CareNetwork> {
  const created = { regions: 0, users: 0 };
  const regions = await client.listRegions();

  const roots = regions.filter((r) => r.parentId === null);
  const hasTown = (county: RegionReply): boolean => regions.some((r) => r.parentId === county.id && r.name === DEMO_TOWN.name);
  const county = roots.find(hasTown) ?? roots[0];
  if (!county) throw new Error('the gateway lists no root region (a county without a parent) for this admin');

  const ensureRegion = async (name: string, level: 'town' | 'community', parent: RegionReply): Promise<RegionReply> => {
    const found = regions.find((r) => r.parentId === parent.id && r.level === level && r.name === name);
    if (found) return found;
    const region = await client.createRegion({ name, level, parentId: parent.id });
    regions.push(region);
    created.regions += 1;
    return region;
  };
  const town = await ensureRegion(DEMO_TOWN.name, 'town', county);
  const communityRegions: RegionReply[] = [];
  for (const community of DEMO_TOWN.communities) communityRegions.push(await ensureRegion(community.name, 'community', town));

  let users = await client.listUsers();
  const ensureUser = async (plan: AccountPlan, region: RegionReply): Promise<UserReply> => {
    let user = users.find((u) => u.username === plan.username);
    if (!user) {
      try {
        user = await client.createUser({
          username: plan.username,
          displayName: plan.displayName,
          password: plan.password,
          role: plan.role,
          regionId: region.id,
          phone: plan.phone,
          ...(plan.responderKind ? { responderKind: plan.responderKind } : {}),
        });
        users.push(user);
        created.users += 1;
      } catch (err) {
        // Created meanwhile (or listed nowhere the admin sees): it exists, so look again.
        if (!(err instanceof GatewayApiError && err.code === 'USERNAME_TAKEN')) throw err;
        users = await client.listUsers();
        user = users.find((u) => u.username === plan.username);
        if (!user) throw new Error(`account ${plan.username} exists but is outside the admin's region; use a fresh DATA_DIR`, { cause: err });
      }
    }
    if (user.role !== plan.role || user.regionId !== region.id) {
      note(`account ${plan.username} exists as ${user.role} of region ${user.regionId}, not as the demo's ${plan.role} of ${region.name}; using it as it is`);
    }
    return user;
  };

  const communities: CommunityTeam[] = [];
  for (const [index, community] of DEMO_TOWN.communities.entries()) {
    const region = communityRegions[index]!;
    const responders: UserReply[] = [];
    for (const plan of community.responders) responders.push(await ensureUser(plan, region));
    communities.push({ region, responders });
  }
  const serviceProvider = await ensureUser(DEMO_TOWN.serviceProvider, town);
  const duty = await ensureUser(DUTY, county);
  const supervisor = await ensureUser(SUPERVISOR, county);
  return { county, town, communities, serviceProvider, duty, supervisor, created };
}

/**
 * The community of the home with this profile index: in turn across the communities, except institution rooms,
 * which are in the community of the care institution their address names.
 */
export function placementFor(network: CareNetwork, index: number, profile: HomeProfile): HomePlacement {
  const institution = profile.setting === 'institution' && network.town.name === INSTITUTION_PLACE.town
    ? network.communities.find((c) => c.region.name === INSTITUTION_PLACE.community)
    : undefined;
  const team = institution ?? network.communities[index % network.communities.length]!;
  return {
    regionId: team.region.id,
    town: network.town.name,
    community: team.region.name,
    assignedResponderIds: team.responders.map((r) => r.id),
  };
}
