// Keep test output readable: the API's JSON logs are asserted on where they matter.
process.env.LOG_LEVEL ??= "silent";
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
