package dev.customerlens.api;

/**
 * What {@code /api/health} answers.
 *
 * @param input the label of the data, as in error messages: a file name or "embedded:customers.csv"
 * @param inputSha256 of the input's bytes as read, so a client can tell which data answered it
 * @param analysesReady customers whose analysis is made and kept, so answered in microseconds
 */
record Health(String status, String input, int rowsLoaded, int skippedRows, String inputSha256, int analysesReady,
    String version, long uptimeSeconds) {}
