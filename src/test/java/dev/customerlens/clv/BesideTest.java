package dev.customerlens.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class BesideTest {
  @Test
  void aFitTheSideThreadHasNotReachedRunsOnTheCallersThread() {
    // Were it left to wait for the side thread, which is held until after it is asked for, it would never finish.
    assertTimeoutPreemptively(Duration.ofSeconds(20), this::askForAQueuedFit);
  }

  private void askForAQueuedFit() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocking = new CountDownLatch(1);
    try (Beside beside = new Beside("test fits")) {
      // The side thread is held on the first fit, so the second is still queued when asked for.
      Supplier<String> first = beside.start(() -> {
        blocking.countDown();
        release.await(10, TimeUnit.SECONDS);
        return Thread.currentThread().getName();
      });
      blocking.await(10, TimeUnit.SECONDS);
      Supplier<String> second = beside.start(() -> Thread.currentThread().getName());
      assertEquals(Thread.currentThread().getName(), second.get());
      release.countDown();
      assertEquals("test fits", first.get());
      assertEquals(Thread.currentThread().getName(), second.get(), "a fit runs once, whoever asks again");
    }
  }

  @Test
  void aFitRunsOnceWhicheverThreadTakesIt() {
    int[] runs = new int[1];
    try (Beside beside = new Beside("test fits")) {
      Supplier<Integer> fit = beside.start(() -> {
        synchronized (runs) {
          return ++runs[0];
        }
      });
      assertEquals(1, fit.get());
      assertEquals(1, fit.get());
    }
    assertEquals(1, runs[0]);
  }

  @Test
  void aFailedFitThrowsItsOwnExceptionToTheCaller() {
    IllegalArgumentException bad = new IllegalArgumentException("no customers to fit");
    try (Beside beside = new Beside("test fits")) {
      Supplier<Object> fit = beside.start(() -> {
        throw bad;
      });
      assertSame(bad, assertThrows(IllegalArgumentException.class, fit::get));
    }
  }
}
