import type { EventDay } from '../../../shared/events.schema';

export interface EventFormValue {
  title: string; slug: string; description: string; venue: string; address: string; timeZone: string;
  /** `overnight`: the organiser confirmed that a day closing before it opens runs past midnight. */
  days: Array<EventDay & { overnight?: boolean }>; registrationOpen: boolean;
}
