import { countUnreadNotifications } from "@/domain/notifications/unread-count";
import { runRoute } from "@/server/route";

/** `{ unread: N }` for the header's count, polled by react-query; 401 when signed out. */
export function GET() {
  return runRoute((ctx) => ({ unread: countUnreadNotifications(ctx) }));
}
