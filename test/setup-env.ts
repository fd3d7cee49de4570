// Keeps every AWS SDK client in tests on fake credentials, so none looks for the instance metadata
// service, and silences the SDK's Node 20 end-of-support warning.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFORTESTS";
process.env.AWS_SECRET_ACCESS_KEY = "fake-secret-access-key";
process.env.AWS_REGION = "ap-northeast-1";
process.env.AWS_EC2_METADATA_DISABLED = "true";
