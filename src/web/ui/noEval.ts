// Imported first by each web app's entry, before any zod schema is built:
// zod probes `new Function` to compile faster object parsers, and under the
// server's Content-Security-Policy (script-src 'self', no eval) that probe is
// blocked and reported as a violation. The web apps parse little; they need
// no compiled parsers.
import { z } from 'zod';

z.config({ jitless: true });
