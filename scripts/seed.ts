// Seeds the demo data on first run; later runs change nothing. SEED_DEMO=false skips it.
import { databaseFile, openDatabase } from "../db/client";
import { seedDemoData } from "../db/seed/seed-demo";

async function main() {
  if (process.env.SEED_DEMO === "false") {
    console.log("SEED_DEMO=false: demo data not seeded.");
    return;
  }
  const db = openDatabase(databaseFile());
  try {
    const { seeded } = await seedDemoData(db, new Date());
    console.log(seeded ? "Demo data seeded." : "Demo data already present; nothing to do.");
  } finally {
    db.$client.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
