"""Drives the installed customer-lens kernel through a real Jupyter client.

jupyter_kernel_test's suite (KernelTests) checks the protocol; the classes below add what that suite
leaves to each kernel: execution counts, error details, rich display, magics, interrupt, shutdown and
exiting with the parent. Run by KernelConformanceIT:

    python3 conformance.py RESULTS.jsonl

with JUPYTER_PATH pointing at the installed kernelspec, LENS_EXTRA_JAR at a jar the kernel does not
have, and LENS_MAVEN_ARTIFACT at group:artifact:version coordinates in the local Maven repository.
Each test's outcome is written to RESULTS.jsonl, one JSON object a line.
"""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import unittest

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel
from jupyter_kernel_test.msgspec_v5 import validate_message

KERNEL = "customer-lens"
PLOTLY = "application/vnd.plotly.v1+json"
# Replies normally take well under a second; these only stop a broken kernel from hanging the build.
REPLY_WAIT = 120
EXIT_WAIT = 60


def wait_until(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def run_cell(kc, code, **options):
    """Executes code; returns the validated execute_reply and the IOPub messages it caused, status aside."""
    return replies_to(kc, kc.execute(code, **options))


def replies_to(kc, msg_id):
    reply = kc.get_shell_msg(timeout=REPLY_WAIT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=REPLY_WAIT)
    validate_message(reply, "execute_reply", msg_id)
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=REPLY_WAIT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        validate_message(msg)
        if msg["msg_type"] == "status":
            if msg["content"]["execution_state"] == "idle":
                return reply, outputs
            continue
        outputs.append(msg)


def of_type(outputs, msg_type):
    return [m["content"] for m in outputs if m["msg_type"] == msg_type]


class CustomerLensKernelTests(jupyter_kernel_test.KernelTests):
    """jupyter_kernel_test's conformance suite, with samples in Java."""

    kernel_name = KERNEL
    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world")'
    code_stderr = 'System.err.println("to stderr")'
    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "CustomerAnalytics.samp", "matches": {"sample()", "sampleLog()"}},
    ]
    complete_code_samples = ["int x = 1;", "6 * 7", "class Box { int v; }", "for (int i = 0; i < 2; i++) { }"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int total = 1 +", "class Open {"]
    invalid_code_samples = ["int x = ;", "}"]
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"lens".toUpperCase()', "result": "LENS"},
        {"code": "CustomerAnalytics.sample().personas()", "mime": "text/html"},
    ]
    code_display_data = [
        {"code": "display(CustomerAnalytics.sample().personas())", "mime": "text/html"},
        {"code": "display(Charts.personaShare(CustomerAnalytics.sample()))", "mime": PLOTLY},
    ]
    code_history_pattern = "6 ? 7"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"


class SessionTests(unittest.TestCase):
    """Behaviour on one long-lived kernel, as a notebook uses it."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel()

    def run_ok(self, code, **options):
        reply, outputs = run_cell(self.kc, code, **options)
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        return reply, outputs

    def result(self, code):
        reply, outputs = self.run_ok(code)
        results = of_type(outputs, "execute_result")
        self.assertEqual(len(results), 1, outputs)
        self.assertEqual(results[0]["execution_count"], reply["content"]["execution_count"])
        return results[0]["data"]

    def error(self, code):
        reply, outputs = run_cell(self.kc, code)
        self.assertEqual(reply["content"]["status"], "error")
        errors = of_type(outputs, "error")
        self.assertEqual(len(errors), 1, outputs)
        self.assertEqual(errors[0]["ename"], reply["content"]["ename"])
        return errors[0]

    def test_execution_counts_rise_by_one_per_stored_cell_only(self):
        first, outputs = self.run_ok("int counted = 1;")
        inputs = of_type(outputs, "execute_input")
        self.assertEqual(inputs[0]["execution_count"], first["content"]["execution_count"])
        silent, outputs = self.run_ok("int quiet = 2;", silent=True)
        self.assertEqual(outputs, [])
        unstored, _ = self.run_ok("int unstored = 3;", store_history=False)
        second, _ = self.run_ok("int counted2 = 4;")
        self.assertEqual(second["content"]["execution_count"], first["content"]["execution_count"] + 1)
        self.assertEqual(silent["content"]["execution_count"], first["content"]["execution_count"])
        self.assertEqual(unstored["content"]["execution_count"], first["content"]["execution_count"])

    def test_state_carries_across_cells(self):
        self.run_ok("var kept = CustomerAnalytics.sample();\nint answer = 41;")
        self.assertEqual(self.result("answer + 1")["text/plain"], "42")
        self.assertEqual(self.result("kept.dataset().rowCount()")["text/plain"], "3900")

    def test_runtime_exception_is_an_error_with_name_message_and_trace(self):
        error = self.error('int ok = 1;\nInteger.parseInt("zz")')
        self.assertEqual(error["ename"], "NumberFormatException")
        self.assertIn('For input string: "zz"', error["evalue"])
        self.assertEqual(error["traceback"][0], 'java.lang.NumberFormatException: For input string: "zz"')
        self.assertTrue(any("line 2" in line for line in error["traceback"]), error["traceback"])

    def test_exception_from_a_method_names_its_cell_and_line(self):
        self.run_ok('void fail() {\n  throw new IllegalStateException("from a method");\n}')
        error = self.error("fail()")
        self.assertEqual(error["evalue"], "from a method")
        self.assertTrue(any(line.strip().startswith("at fail (cell [") and "line 2)" in line
                            for line in error["traceback"]), error["traceback"])

    def test_cause_of_an_exception_is_shown(self):
        error = self.error('throw new RuntimeException("outer", new java.io.IOException("inner"));')
        self.assertIn("Caused by: java.io.IOException: inner", error["traceback"])

    def test_compile_error_gives_line_and_message(self):
        error = self.error('int fine = 1;\nint wrong = "text";')
        self.assertEqual(error["ename"], "CompileError")
        self.assertTrue(error["evalue"].startswith("line 2: incompatible types"), error["evalue"])
        self.assertIn('    int wrong = "text";', error["traceback"])

    def test_workspace_errors_are_one_line(self):
        error = self.error('CustomerAnalytics.load("no-such-file.csv")')
        self.assertEqual(error["ename"], "DataFileException")
        self.assertEqual(len(error["traceback"]), 1)
        self.assertIn("no-such-file.csv", error["evalue"])

    def test_later_snippets_do_not_run_after_an_error(self):
        self.error('int before = 1;\nInteger.parseInt("x");\nint after = 2;')
        self.assertEqual(self.result("before")["text/plain"], "1")
        self.assertEqual(self.error("after")["ename"], "CompileError")

    def test_table_shows_as_html_with_a_row_cap_and_as_text(self):
        data = self.result("CustomerAnalytics.sample().customers()")
        self.assertIn("<table", data["text/html"])
        self.assertIn("showing 50 of 3,900 rows", data["text/html"])
        self.assertEqual(data["text/html"].count("<tr>"), 51)
        self.assertIn("\n... 3,880 more rows\n... 54 more columns: rating, subscribed, ", data["text/plain"])
        self.assertTrue(all(len(line) <= 100 for line in data["text/plain"].splitlines()), data["text/plain"])

    def test_text_from_data_is_escaped_in_html(self):
        data = self.result('Table.create("t", StringColumn.create("name", "<script>alert(1)</script>"))')
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", data["text/html"])
        self.assertNotIn("<script>alert", data["text/html"])

    def test_chart_shows_as_plotly_json_with_html_and_text(self):
        data = self.result("Charts.spendByPersona(CustomerAnalytics.sample())")
        self.assertEqual(set(data[PLOTLY]), {"data", "layout"})
        self.assertTrue("Plotly.newPlot" in data["text/html"], "the HTML fallback does not draw the figure")
        self.assertFalse("<script src=" in data["text/html"], "the HTML fallback loads a script from elsewhere")
        self.assertIn("kernelspecs/" + KERNEL + "/plotly-", data["text/html"],
                      "the HTML fallback loads plotly.js from the Jupyter server's kernelspec folder")
        self.assertTrue(data["text/plain"].startswith("Figure: "))

    def test_records_show_as_text(self):
        self.run_ok("record Pair(String name, int count) {}")
        self.assertEqual(self.result('new Pair("a", 1)')["text/plain"], "Pair[name=a, count=1]")

    def test_display_shows_values_mid_cell_in_order(self):
        _, outputs = self.run_ok('System.out.println("before");\ndisplay(CustomerAnalytics.sample().personas());\n'
                                 'System.out.println("after");')
        kinds = [(m["msg_type"], m["content"].get("text", "").strip()) for m in outputs
                 if m["msg_type"] in ("stream", "display_data")]
        self.assertEqual(kinds, [("stream", "before"), ("display_data", ""), ("stream", "after")])

    def test_void_and_declaration_cells_show_no_result(self):
        _, outputs = self.run_ok('var quietTable = CustomerAnalytics.sample().personas();\nSystem.out.print("")')
        self.assertEqual(of_type(outputs, "execute_result"), [])

    def test_stdin_reads_through_input_requests(self):
        msg_id = self.kc.execute('new java.util.Scanner(System.in).nextLine().toUpperCase()', allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=REPLY_WAIT)
        self.assertEqual(request["msg_type"], "input_request")
        self.assertEqual(request["parent_header"]["msg_id"], msg_id)
        self.kc.input("lens")
        reply, outputs = replies_to(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(of_type(outputs, "execute_result")[0]["data"]["text/plain"], "LENS")

    def test_classpath_magic_adds_a_jar(self):
        jar = os.environ["LENS_EXTRA_JAR"]
        _, outputs = self.run_ok(f"%classpath {jar}\n")
        self.assertIn("added to the class path", "".join(s["text"] for s in of_type(outputs, "stream")))
        data = self.result('new org.opentest4j.AssertionFailedError("from the added jar").getMessage()')
        self.assertEqual(data["text/plain"], "from the added jar")

    def test_maven_magic_adds_an_artifact_with_its_dependencies(self):
        coordinates = os.environ["LENS_MAVEN_ARTIFACT"]
        reply, outputs = run_cell(self.kc, f"%maven {coordinates}\nint afterMaven = 1;")
        self.assertEqual(reply["content"]["status"], "ok", outputs)
        self.assertEqual(self.result("org.junit.jupiter.api.Assertions.class.getSimpleName()")["text/plain"],
                         "Assertions")

    def test_time_magic_reports_wall_time(self):
        _, outputs = self.run_ok("%%time\nThread.sleep(50);")
        self.assertIn("Wall time: ", "".join(s["text"] for s in of_type(outputs, "stream")))

    def test_unknown_magic_is_a_usage_error(self):
        self.assertEqual(self.error("%nosuchmagic")["ename"], "UsageError")

    def test_completion_works_in_the_last_snippet_of_a_cell(self):
        code = "int a = 1;\nMath.ma"
        msg_id = self.kc.complete(code, len(code))
        reply = self.kc.get_shell_msg(timeout=REPLY_WAIT)
        validate_message(reply, "complete_reply", msg_id)
        self.assertIn("max(", reply["content"]["matches"])
        self.assertEqual(reply["content"]["cursor_start"], len("int a = 1;\nMath."))
        self.assertEqual(reply["content"]["cursor_end"], len(code))

    def test_inspect_of_a_variable_gives_its_type(self):
        self.run_ok("var inspected = CustomerAnalytics.sample();")
        msg_id = self.kc.inspect("inspected", 4)
        reply = self.kc.get_shell_msg(timeout=REPLY_WAIT)
        validate_message(reply, "inspect_reply", msg_id)
        self.assertTrue(reply["content"]["found"])
        self.assertIn("CustomerAnalytics", reply["content"]["data"]["text/plain"])

    def test_is_complete_ignores_magic_lines(self):
        msg_id = self.kc.is_complete("%classpath lib/x.jar\nint a = 1;")
        reply = self.kc.get_shell_msg(timeout=REPLY_WAIT)
        validate_message(reply, "is_complete_reply", msg_id)
        self.assertEqual(reply["content"]["status"], "complete")

    def test_interrupt_stops_an_infinite_loop_and_the_kernel_keeps_its_state(self):
        self.run_ok("int survivor = 7;")
        for loop in ("while (true) {}", "Thread.sleep(600_000);"):
            msg_id = self.kc.execute(loop)
            time.sleep(1)  # let the loop start, so the interrupt meets it running
            self.km.interrupt_kernel()
            reply, _ = replies_to(self.kc, msg_id)
            self.assertEqual(reply["content"]["status"], "error")
            self.assertEqual(reply["content"]["ename"], "Interrupted")
            self.assertEqual(self.result("survivor * 6")["text/plain"], "42")

    def test_interrupt_reply_is_ok(self):
        msg = self.kc.session.msg("interrupt_request", {})
        self.kc.control_channel.send(msg)
        reply = self.kc.get_control_msg(timeout=REPLY_WAIT)
        validate_message(reply, "interrupt_reply", msg["header"]["msg_id"])
        self.assertEqual(reply["content"]["status"], "ok")

    def test_comm_info_reply_is_ok(self):
        msg_id = self.kc.comm_info()
        reply = self.kc.get_shell_msg(timeout=REPLY_WAIT)
        validate_message(reply, "comm_info_reply", msg_id)
        self.assertEqual(reply["content"]["comms"], {})


class LifecycleTests(unittest.TestCase):
    """Each test starts its own kernel."""

    def test_first_cell_of_a_fresh_kernel_gives_the_persona_table_and_charts_load_plotly_js_from_the_kernelspec(self):
        started = time.monotonic()
        km, kc = start_new_kernel(kernel_name=KERNEL)
        try:
            ready = time.monotonic()
            reply, outputs = run_cell(kc, "CustomerAnalytics.sample().personas()")
            done = time.monotonic()
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertIn("Premium Loyalist", of_type(outputs, "execute_result")[0]["data"]["text/html"])
            print(f"kernel ready after {ready - started:.2f} s; first cell's result after {done - started:.2f} s",
                  file=sys.stderr)
            _, first = run_cell(kc, "Charts.personaShare(CustomerAnalytics.sample())")
            _, second = run_cell(kc, "Charts.personaShare(CustomerAnalytics.sample())")
            first_html = of_type(first, "execute_result")[0]["data"]["text/html"]
            second_html = of_type(second, "execute_result")[0]["data"]["text/html"]
            # plotly.js (4.8 MB) is served by the Jupyter server from the kernelspec folder, never carried.
            for html in (first_html, second_html):
                self.assertFalse("plotly.js v" in html, "a chart's HTML carries plotly.js")
                self.assertIn("kernelspecs/" + KERNEL + "/plotly-", html)
                self.assertLess(len(html), 100_000)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_shutdown_request_is_answered_and_the_kernel_exits_by_itself(self):
        km, kc = start_new_kernel(kernel_name=KERNEL)
        try:
            run_cell(kc, "int x = 1;")
            msg = kc.session.msg("shutdown_request", {"restart": False})
            kc.control_channel.send(msg)
            reply = kc.get_control_msg(timeout=REPLY_WAIT)
            validate_message(reply, "shutdown_reply", msg["header"]["msg_id"])
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertFalse(reply["content"]["restart"])
            self.assertTrue(wait_until(lambda: not km.is_alive(), EXIT_WAIT), "kernel still running")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_kernel_exits_when_the_process_that_started_it_dies(self):
        parent = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from jupyter_client.manager import start_new_kernel
            km, kc = start_new_kernel(kernel_name={KERNEL!r})
            print(km.provisioner.process.pid, flush=True)
            time.sleep(3600)
        """)], stdout=subprocess.PIPE, text=True)
        kernel_pid = int(parent.stdout.readline())
        self.assertTrue(alive(kernel_pid))
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        self.assertTrue(wait_until(lambda: not alive(kernel_pid), EXIT_WAIT), "kernel outlived its parent")


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; its parent (init here) has just not reaped it yet.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


class JsonLinesResult(unittest.TextTestResult):
    """Records every test and subtest outcome for the JUnit side."""

    def __init__(self, stream, descriptions, verbosity, out):
        super().__init__(stream, descriptions, verbosity)
        self.out = out

    def record(self, test, outcome, detail=""):
        name = test.id().removeprefix("__main__.")
        self.out.write(json.dumps({"test": name, "outcome": outcome, "detail": detail}) + "\n")
        self.out.flush()

    def addSuccess(self, test):
        super().addSuccess(test)
        self.record(test, "passed")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.record(test, "failed", self._exc_info_to_string(err, test))

    def addError(self, test, err):
        super().addError(test, err)
        self.record(test, "failed", self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.record(test, "skipped", reason)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self.record(subtest, "skipped" if issubclass(err[0], unittest.SkipTest) else "failed",
                        self._exc_info_to_string(err, test))


def main(results_path):
    loader = unittest.TestLoader()
    suite = unittest.TestSuite([loader.loadTestsFromTestCase(case) for case in
                                (CustomerLensKernelTests, SessionTests, LifecycleTests)])
    with open(results_path, "w") as out:
        runner = unittest.TextTestRunner(verbosity=2, resultclass=lambda *args: JsonLinesResult(*args, out))
        result = runner.run(suite)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
