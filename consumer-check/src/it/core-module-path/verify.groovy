evaluate(new File(checkScript))
String log = new File(basedir, 'build.log').getText('UTF-8')
if (!log.contains('Tests run: 1, Failures: 0, Errors: 0')) {
    throw new AssertionError('the module-path test of passkey-core did not run and pass; see build.log')
}
return true
