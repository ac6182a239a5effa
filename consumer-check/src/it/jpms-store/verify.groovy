evaluate(new File(checkScript))
// the contract ran on the module path, and its results land in the store test's own report
File report = new File(basedir, 'target/surefire-reports/TEST-com.example.store.ExampleStoreContractTest.xml')
if (!report.isFile()) {
    throw new AssertionError('no report ' + report.name)
}
String xml = report.getText('UTF-8')
int cases = xml.count('<testcase ')
if (cases < 40 || xml.contains('<failure') || xml.contains('<error')) {
    throw new AssertionError('the contract did not pass whole on the module path: ' + cases + ' cases in ' + report.name)
}
println "consumer-check: the store contract ran on the module path, ${cases} cases in ${report.name}"
return true
