import NextAuth from "next-auth";
import { authOptions } from "@/server/auth-options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// The options read the environment, so build them per request rather than at import (build) time.
async function handler(request: Request, context: RouteContext) {
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
