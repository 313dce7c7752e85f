import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@tus/server", "@tus/file-store", "file-type", "yauzl", "pdfjs-dist"],
  poweredByHeader: false,
  // Migrations are read from db/migrations at run time.
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*"] },
};

export default nextConfig;
