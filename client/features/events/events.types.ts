import type { EventDay } from '../../../shared/events.schema';

export interface EventFormValue {
  title: string; slug: string; description: string; venue: string; address: string; timeZone: string;
  days: EventDay[]; registrationOpen: boolean;
}
