// Writes without pause into a database until killed, each write one transaction of two rows that
// belong together (an idea and its author's follow), for the backup test (db/backup.test.ts).
import { openDatabase } from "#db/client";
import { ideaFollows } from "#db/schema";
import { createIdeaRow } from "../factories/ideas";

const db = openDatabase(process.env.DATABASE_PATH!);
const authorId = process.env.AUTHOR_ID!;
let written = 0;
for (;;) {
  db.$client.transaction(() => {
    const idea = createIdeaRow(db, authorId, { title: `Written under load ${written}` });
    db.insert(ideaFollows).values({ ideaId: idea.id, userId: authorId, createdAt: new Date() }).run();
  })();
  written++;
  if (written === 50) process.stdout.write("writing\n");
  if (written % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
}
