/**
 * Imported first by the renderer entry, before any schema is built: zod probes for eval
 * (`new Function`) when a schema is constructed, to pick a faster parser. The CSP forbids eval, so
 * the probe would only trip a violation report; jitless skips it.
 */
import { z } from 'zod';

z.config({ jitless: true });
