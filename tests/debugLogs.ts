// Imported first by a test that reads log lines (captureLogs): the services'
// loggers take their level when @civic/shared is first loaded.
process.env.LOG_LEVEL = 'debug';
