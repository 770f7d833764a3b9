package dev.customerlens.kernel;

import java.util.ArrayList;
import java.util.List;

/** What running one cell came to. */
sealed interface Outcome {
  /** The cell ran and did not end with an expression. */
  record Done() implements Outcome {}

  /** The cell ran and ended with an expression; {@code value} may be null. */
  record Value(Object value) implements Outcome {}

  /** The cell failed to compile, threw, or was interrupted; the fields are Jupyter's ename, evalue and traceback. */
  record Failed(String name, String message, List<String> traceback) implements Outcome {
    public Failed {
      traceback = List.copyOf(traceback);
    }

    /** A failure that needs no more than one line to explain. */
    static Failed of(String name, String message) {
      return new Failed(name, message, List.of(name + ": " + message));
    }

    /** A failure of the kernel itself rather than of the cell's code: the trace is for a bug report. */
    static Failed of(Throwable error) {
      List<String> traceback = new ArrayList<>();
      traceback.add(error.toString());
      for (StackTraceElement frame : error.getStackTrace()) traceback.add("\tat " + frame);
      return new Failed(error.getClass().getSimpleName(), String.valueOf(error.getMessage()), traceback);
    }
  }
}
