import { tmpdir } from "node:os";
import { join } from "node:path";

// Keep test output readable: the API's JSON logs are asserted on where they matter.
process.env.LOG_LEVEL ??= "silent";
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
// A fixed cursor key, as CURSOR_KEY is in AWS (tests that need another set their own).
process.env.CURSOR_KEY ??= "test-cursor-key-0123456789abcdef0123456789";
// A local stack started by a test says where it runs here, not in the developer's .local/.
process.env.LOCAL_STACK_FILE ??= join(tmpdir(), `lif-stack-${process.pid}.json`);
