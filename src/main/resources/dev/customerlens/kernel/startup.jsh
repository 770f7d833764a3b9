// What every notebook cell and ./workspace session starts with: jshell's default imports, the
// Tablesaw API and the analytics workspace, so the first line can be CustomerAnalytics.sample().
import java.io.*;
import java.math.*;
import java.net.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.*;
import java.util.prefs.*;
import java.util.regex.*;
import java.util.stream.*;
import tech.tablesaw.api.*;
import dev.customerlens.*;
import dev.customerlens.chart.*;
import dev.customerlens.export.*;
import dev.customerlens.persona.*;
import dev.customerlens.report.*;
import dev.customerlens.rules.*;
import dev.customerlens.timeline.*;
import static dev.customerlens.kernel.WorkspaceKernel.display;
