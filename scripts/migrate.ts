// Applies any pending migrations to DATA_DIR/app.db (opening the database migrates it).
import { databaseFile, openDatabase } from "../db/client";

const db = openDatabase(databaseFile());
db.$client.close();
console.log(`Database ready: ${databaseFile()}`);
