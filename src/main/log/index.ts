/** The logger port and its adapters: memory (tests), stream (browser host), rotating file (Electron). */
export { absorbStdStreamErrors, type StdStream } from './std-streams';
export { createFileSink, LOG_FILE_NAME, type FileSink, type FileSinkOptions } from './file-sink';
export {
  createLogger,
  createMemoryLogger,
  formatLogLine,
  silentLogger,
  streamSink,
  teeSinks,
  type LogFields,
  type LoggedEntry,
  type Logger,
  type LogLevel,
  type LogSink,
  type MemoryLogger,
} from './logger';
