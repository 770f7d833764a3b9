package dev.customerlens.cli;

import dev.customerlens.kernel.KernelSpec;
import dev.customerlens.kernel.WorkspaceKernel;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The Jupyter kernel: install its kernelspec once, after which Jupyter runs it. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
    description = {"The Java Jupyter kernel with this workspace preloaded.",
        "Install it with 'lens kernel install'; Jupyter then starts it with 'lens kernel run'."})
final class KernelCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Serve Jupyter on the sockets of CONNECTION_FILE until shut down (Jupyter starts this).")
  int runKernel(@Parameters(paramLabel = "CONNECTION_FILE", description = "The connection file Jupyter wrote.")
      Path connectionFile) {
    WorkspaceKernel.run(connectionFile);
    return Main.OK;
  }

  @Command(name = "spec", mixinStandardHelpOptions = true,
      description = "Write the kernelspec folder (kernel.json) without installing it.")
  int writeSpec(@Option(names = "--out", paramLabel = "DIR", required = true,
      description = "Folder to write kernel.json into; give it to 'jupyter kernelspec install'.") Path out) {
    KernelSpec.launching(launchCommand(KernelSpec.NAME)).writeTo(out);
    spec.commandLine().getErr().println("wrote " + out.resolve("kernel.json").toAbsolutePath().normalize());
    return Main.OK;
  }

  static final class Destination {
    @Option(names = "--user", description = "For the current user (the default).")
    boolean user;

    @Option(names = "--sys-prefix", description = "Into the Python environment Jupyter runs in (venv, conda).")
    boolean sysPrefix;

    @Option(names = "--prefix", paramLabel = "DIR",
        description = "Under DIR/share/jupyter/kernels; Jupyter finds it with JUPYTER_PATH=DIR/share/jupyter.")
    Path prefix;

    List<String> flags() {
      if (sysPrefix) return List.of("--sys-prefix");
      if (prefix != null) return List.of("--prefix", prefix.toAbsolutePath().normalize().toString());
      return List.of("--user");
    }
  }

  @Command(name = "install", mixinStandardHelpOptions = true,
      description = {"Install the kernelspec with 'jupyter kernelspec install', pointing at this jar and JVM.",
          "Rebuilding the jar needs no reinstall; moving it does."})
  int install(@ArgGroup(exclusive = true) Destination destination,
      @Option(names = "--name", paramLabel = "NAME", defaultValue = KernelSpec.NAME,
          description = "Kernel name (default: ${DEFAULT-VALUE}).") String name) {
    PrintWriter err = spec.commandLine().getErr();
    Path temporary = createTemporaryFolder();
    Path folder = KernelSpec.launching(launchCommand(name)).writeTo(temporary.resolve(name));
    List<String> command = new ArrayList<>(List.of("jupyter", "kernelspec", "install", "--replace", "--name", name));
    command.addAll(destination == null ? List.of("--user") : destination.flags());
    command.add(folder.toString());
    try {
      Process jupyter = new ProcessBuilder(command).redirectErrorStream(true).start();
      jupyter.getOutputStream().close();
      err.print(new String(jupyter.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      if (jupyter.waitFor() != 0) {
        err.println("error: '" + String.join(" ", command) + "' failed");
        return Main.BAD_INPUT;
      }
    } catch (IOException e) {
      err.println("error: cannot run jupyter (" + e.getMessage() + "); install Jupyter (Debian: apt-get install "
          + "jupyter-client), or write the folder with 'lens kernel spec --out DIR'");
      return Main.BAD_INPUT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.INTERNAL_ERROR;
    } finally {
      delete(folder.resolve("kernel.json"), folder.resolve(KernelSpec.PLOTLY_FILE), folder, temporary);
    }
    err.println("installed kernel '" + name + "': 'jupyter kernelspec list' shows it; notebooks offer \""
        + KernelSpec.DISPLAY_NAME + "\"");
    err.flush();
    return Main.OK;
  }

  /** How Jupyter starts the kernel: with this JVM and this class path, so it runs the jar that installed it. */
  private static List<String> launchCommand(String name) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
        .collect(Collectors.joining(File.pathSeparator));
    return List.of(java, "-D" + KernelSpec.NAME_PROPERTY + "=" + name, "-cp", classPath, Main.class.getName(), "kernel",
        "run");
  }

  private static Path createTemporaryFolder() {
    try {
      return Files.createTempDirectory("customer-lens-kernelspec");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
  }

  private static void delete(Path... paths) {
    try {
      for (Path path : paths) Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the temporary kernelspec", e);
    }
  }
}
