export const MAP_ROLES = ['viewer', 'voter', 'editor', 'owner'] as const;
export type MapRoleName = (typeof MAP_ROLES)[number];

const RANK: Record<MapRoleName, number> = { viewer: 1, voter: 2, editor: 3, owner: 4 };

export function roleAtLeast(role: MapRoleName | null | undefined, minimum: MapRoleName): boolean {
  return role != null && RANK[role] >= RANK[minimum];
}

/** The higher of two roles: joining through a link never lowers what a member already has. */
export function higherRole(a: MapRoleName, b: MapRoleName): MapRoleName {
  return RANK[a] >= RANK[b] ? a : b;
}

export const ROLE_LABEL: Record<MapRoleName, string> = {
  viewer: 'Viewer',
  voter: 'Voter',
  editor: 'Editor',
  owner: 'Owner',
};
