/** One rate: at most `max` requests in `windowMs`, for one account (or one visitor's address). */
export interface WriteRate { max: number; windowMs: number }
export const perMinute = (max: number): WriteRate => ({ max, windowMs: 60_000 });
export const perHour = (max: number): WriteRate => ({ max, windowMs: 3600_000 });
