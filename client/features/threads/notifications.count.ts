import { ref } from 'vue';
import { threadsApi } from './threads.api';

/** The person's unread notifications, shared by the header's link and the notifications page. */
export const unreadNotifications = ref(0);

export async function refreshUnread(): Promise<void> {
  try {
    unreadNotifications.value = (await threadsApi.notifications()).unread;
  } catch {
    // The count is a hint: a failed refresh keeps the last one rather than alarm anyone.
  }
}
