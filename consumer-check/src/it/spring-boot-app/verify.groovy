// The build ran the host's test (a registration and a sign-in through the starter's bean); Surefire fails
// the build when it fails, this checks that it ran at all.
File report = new File(basedir, 'target/surefire-reports/TEST-com.example.app.HostApplicationTest.xml')
if (!report.isFile()) {
    throw new AssertionError("the host's test did not run: no " + report)
}
String head = report.text.find(/<testsuite [^>]*>/)
def count = { String name -> (head =~ (name + /="(\d+)"/))[0][1].toInteger() }
if (count('tests') < 1 || count('failures') != 0 || count('errors') != 0 || count('skipped') != 0) {
    throw new AssertionError("the host's test did not pass: " + head)
}
return true
