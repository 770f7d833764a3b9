package dev.customerlens.cli;

/** How a command prints its result: for people, or as clean JSON for other programs. */
enum Format { text, json }
