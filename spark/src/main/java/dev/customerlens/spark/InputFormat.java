package dev.customerlens.spark;

import java.util.Locale;

/** The file formats a customer table is read from. */
public enum InputFormat {
  CSV, PARQUET;

  /** Parquet when the path names a .parquet file or folder, else CSV. */
  public static InputFormat of(String path) {
    String name = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    return name.endsWith(".parquet") || name.endsWith(".pq") ? PARQUET : CSV;
  }
}
