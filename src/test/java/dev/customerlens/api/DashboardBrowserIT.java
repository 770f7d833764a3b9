package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.data.Dataset;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in Debian's Chromium, driven by Debian's chromedriver, against the real server. */
class DashboardBrowserIT {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  @TempDir static Path dir;
  private static ApiServer server;
  private static Path eventLog;
  private ChromeDriver browser;

  @BeforeAll
  static void startServerWithAnEventLogFile() throws Exception {
    eventLog = dir.resolve("events.csv");
    try (InputStream in = EventLog.class.getResourceAsStream("/dev/customerlens/data/events.csv")) {
      Files.copy(in, eventLog);
    }
    Dataset customers = Dataset.embedded();
    CustomerAnalytics analytics = CustomerAnalytics.of(customers)
        .withEvents(EventLog.read(eventLog, LogFormat.EVENTS, LogReadOptions.strict().withCustomers(customers)));
    server = ApiServer.start(analytics, ApiOptions.defaults().withPort(0).withEventLogFile(eventLog));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private ChromeDriver open(int width, int height, boolean phone) {
    ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=" + width + "," + height);
    if (phone) {
      options.setExperimentalOption("mobileEmulation",
          Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 2.0)));
    }
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
    browser = new ChromeDriver(service, options);
    return browser;
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) browser.quit();
  }

  private static WebDriverWait waitUpTo(ChromeDriver browser, int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  private static int drawn(ChromeDriver browser, String container) {
    return browser.findElements(By.cssSelector("#" + container + " .chart[data-drawn='true']")).size();
  }

  private static List<String> severe(ChromeDriver browser) {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
  }

  @Test
  void deepLinkShowsTheWholeAnalysisWithEveryChartDrawn() throws Exception {
    ChromeDriver b = open(1280, 2400, false);
    b.get(server.url() + "/?customer=101&view=comprehensive");
    waitUpTo(b, 30).until(d -> drawn(b, "customer-charts") == 4 && drawn(b, "overview-charts") == 2);
    assertTrue(b.findElement(By.id("customer-title")).getText().startsWith("Customer 101: "));
    assertTrue(b.findElements(By.cssSelector("#tiles .tile")).size() >= 4);
    assertFalse(b.findElement(By.id("recommendations")).getText().isBlank());
    waitUpTo(b, 10).until(d -> b.findElements(By.cssSelector("#customers tbody tr")).size() == 20);
    assertEquals(List.of(), severe(b), "no console errors, no blocked content");
    Files.write(SCREENSHOTS.resolve("dashboard-desktop.png"), b.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void postedEventChangesTheOpenPageWithoutAReload() throws Exception {
    ChromeDriver b = open(1280, 2400, false);
    b.get(server.url() + "/?customer=102&view=predictions");
    waitUpTo(b, 30).until(d -> drawn(b, "customer-charts") == 4);
    Object marker = b.executeScript("return window.performance.timeOrigin;");
    String tilesBefore = b.findElement(By.id("tiles")).getText();
    long linesBefore = Files.lines(eventLog).count();
    long eventsBefore = eventsOf102();
    String body = "[{\"customer_id\": \"102\", \"timestamp\": \"2024-06-30T20:00:00\", \"event\": \"view\", "
        + "\"category\": \"Clothing\"}, {\"customer_id\": \"102\", \"timestamp\": \"2024-06-30T20:05:00\", "
        + "\"event\": \"purchase\", \"category\": \"Clothing\", \"amount\": 150}]";
    HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
        + "/api/events")).header("Content-Type", "application/json").header("Idempotency-Key", "test-102")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, posted.statusCode(), posted.body());
    // Applying events rebuilds the customer's analysis, seconds of CPU on a busy machine: wait until the
    // server answers with both new events, however long that takes, and only then for the page.
    while (eventsOf102() != eventsBefore + 2) Thread.sleep(100);
    // The page has then been told over Server-Sent Events; the bound only keeps a broken page from hanging the build.
    waitUpTo(b, 120).until(d -> b.findElement(By.id("live-note")).getText().startsWith("Updated with new events"));
    assertFalse(tilesBefore.equals(b.findElement(By.id("tiles")).getText()), "the forecast tiles moved");
    assertEquals(marker, b.executeScript("return window.performance.timeOrigin;"), "same page, no reload");
    assertEquals(linesBefore + 2, Files.lines(eventLog).count(), "appended durably to the log file");
  }

  /** How many of customer 102's events the server's analysis counts. */
  private static long eventsOf102() throws Exception {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
        + "/api/analyze/102")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body())
        .path("visual_data").path("hourly_activity_heatmap").path("data").path("events").asLong();
  }

  @Test
  void unknownAndMalformedIdsGetClearMessages() {
    ChromeDriver b = open(1280, 1200, false);
    b.get(server.url() + "/");
    var input = b.findElement(By.id("customer"));
    input.sendKeys("no-such-customer", Keys.ENTER);
    waitUpTo(b, 10).until(d -> b.findElement(By.id("message")).isDisplayed());
    assertTrue(b.findElement(By.id("message")).getText().contains("No customer with ID"));
    input.clear();
    b.executeScript("document.getElementById('customer').value = 'bad\\u0001id';"
        + "document.getElementById('customer').dispatchEvent(new Event('input'));");
    assertTrue(b.findElement(By.id("customer-help")).getText().contains("control characters"));
  }

  @Test
  void phoneWidthShowsTheSameAnalysis() throws Exception {
    ChromeDriver b = open(390, 844, true);
    b.get(server.url() + "/?customer=101");
    waitUpTo(b, 30).until(d -> drawn(b, "customer-charts") == 4);
    Number overflow = (Number) b.executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertEquals(0, overflow.intValue(), "nothing wider than the phone");
    Files.write(SCREENSHOTS.resolve("dashboard-phone.png"), b.getScreenshotAs(OutputType.BYTES));
  }
}
