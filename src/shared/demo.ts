/** Fixed id of the seeded demo map (prisma/seed/seed-demo.ts). */
export const DEMO_MAP_ID = 'demo-cyber-sovereignty';
