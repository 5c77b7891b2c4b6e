/** Below this zoom nodes are drawn as plain shapes (claim text would be under 5 px anyway), so panning stays fluid. */
export const LOD_ZOOM = 0.35;
