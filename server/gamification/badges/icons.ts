/**
 * The badge icon set: names staff pick from, each drawn as 24×24 stroke paths. Pure data, shared by
 * the web badge (app/components/badges) and the certificate image rendered on the server, so both
 * draw the same picture.
 */
export const BADGE_ICONS = {
  award: ["M12 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11z", "M8.5 13.5 7 21l5-2.5 5 2.5-1.5-7.5"],
  sprout: ["M12 21v-9", "M12 12c0-4-3-6.5-7.5-6.5C4.5 9.5 7.5 12 12 12z", "M12 14c0-4.5 3-7.5 8-7.5 0 4.5-3 7.5-8 7.5z"],
  heart: ["M12 20s-7.5-4.6-7.5-10.2A4.3 4.3 0 0 1 12 7.2a4.3 4.3 0 0 1 7.5 2.6C19.5 15.4 12 20 12 20z"],
  star: ["m12 3.5 2.6 5.4 5.9.8-4.3 4.1 1 5.8L12 16.8l-5.2 2.8 1-5.8-4.3-4.1 5.9-.8z"],
  flame: ["M12 21a6.5 6.5 0 0 0 6.5-6.5c0-4-3-6.5-4-10-2 1.5-3 3.5-3 5.5-1-.5-2-1.5-2.5-3C7 9 5.5 11.5 5.5 14.5A6.5 6.5 0 0 0 12 21z"],
  calendar: ["M6 5h12a2.5 2.5 0 0 1 2.5 2.5v10.5a2.5 2.5 0 0 1-2.5 2.5H6A2.5 2.5 0 0 1 3.5 18V7.5A2.5 2.5 0 0 1 6 5z", "M8 3v4M16 3v4M3.5 10h17", "m9 15 2 2 4-4"],
  trophy: ["M8 4h8v6a4 4 0 0 1-8 0z", "M8 6H4.5a3.5 3.5 0 0 0 3.7 4M16 6h3.5a3.5 3.5 0 0 1-3.7 4", "M12 14v3.5M8.5 20.5h7M9.5 17.5h5v3h-5z"],
  crown: ["M4 17.5 3 7.5l5 4 4-6.5 4 6.5 5-4-1 10z", "M4 20.5h16"],
  chat: ["M20.5 12a8 8 0 0 1-11.7 7.1L4 20.5l1.4-4.5A8 8 0 1 1 20.5 12z", "M8.5 12h.01M12 12h.01M15.5 12h.01"],
  users: ["M9 11.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z", "M2.5 20c.9-3.3 3.4-5 6.5-5s5.6 1.7 6.5 5", "M16 4.8a3.5 3.5 0 0 1 0 6.4M18 15.3c1.7.7 2.9 2.3 3.5 4.7"],
  bookmark: ["M6.5 3.5h11a1 1 0 0 1 1 1v16l-6.5-4-6.5 4v-16a1 1 0 0 1 1-1z"],
  shield: ["M12 3 4.5 6v5.5c0 4.6 3.1 8.4 7.5 9.5 4.4-1.1 7.5-4.9 7.5-9.5V6z", "m8.5 12 2.5 2.5 4.5-5"],
  target: ["M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z", "M12 7.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9z", "M12 11.5a.5.5 0 1 0 0 1 .5.5 0 0 0 0-1z"],
  pen: ["M4 20h4L19 9a2.8 2.8 0 0 0-4-4L4 16z", "m13.5 6.5 4 4"],
} as const satisfies Record<string, readonly string[]>;

export type BadgeIconName = keyof typeof BADGE_ICONS;
export const BADGE_ICON_NAMES = Object.keys(BADGE_ICONS) as BadgeIconName[];

/** The paths of an icon; an unknown name (an icon retired from the set) draws the generic award. */
export function badgeIconPaths(name: string): readonly string[] {
  return (BADGE_ICONS as Record<string, readonly string[]>)[name] ?? BADGE_ICONS.award;
}

/** Tier colours: ring, fill and ink, the same on the web and in the certificate image. */
export const TIER_COLOURS = {
  bronze: { ring: "#b8733b", fill: "#fbeadb", ink: "#8a4f22" },
  silver: { ring: "#8c97a6", fill: "#eef1f5", ink: "#56606e" },
  gold: { ring: "#d9a520", fill: "#fff5d6", ink: "#9a6c00" },
} as const;
