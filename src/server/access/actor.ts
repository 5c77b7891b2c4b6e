/** Who is making a request, as the domain sees it. `null` is an anonymous visitor. */
export interface Actor {
  id: string;
  displayName: string;
  isGuest: boolean;
}
