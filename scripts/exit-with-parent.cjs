// Preloaded into a server the Python pipeline starts (node --require this): the server exits when its stdin
// closes, that is when the process that started it ends, even by SIGKILL, which no cleanup code survives.
// Without it an orphaned dynalite would keep its LevelDB lock and every rerun on the same lake would fail.
// (Spark's own gateway JVM watches the Python driver the same way.)
"use strict";
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
