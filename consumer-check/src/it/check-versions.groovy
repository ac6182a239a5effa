// Shared by every outside build's verify.groovy: reads the dependency list the build wrote
// (target/resolved.txt) and fails on any pre-release version (-alpha, -beta, -rc, -M...) and on any
// artifact that passkey4j-bom manages but that resolved to another version than the BOM's.
import javax.xml.parsers.DocumentBuilderFactory

File resolved = new File(basedir, 'target/resolved.txt')
if (!resolved.isFile()) {
    throw new AssertionError("no dependency list at " + resolved)
}
File bomFile = new File(bomPom)
if (!bomFile.isFile()) {
    throw new AssertionError("no BOM at " + bomFile)
}

def doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(bomFile)
def root = doc.documentElement
def child = { node, String name ->
    def list = node.childNodes
    (0..<list.length).collect { list.item(it) }.find { it.nodeName == name }
}
def children = { node, String name ->
    if (node == null) return []
    def list = node.childNodes
    (0..<list.length).collect { list.item(it) }.findAll { it.nodeName == name }
}
Map<String, String> props = [:]
def propsNode = child(root, 'properties')
if (propsNode != null) {
    def list = propsNode.childNodes
    (0..<list.length).collect { list.item(it) }.findAll { it.nodeType == 1 }.each { props[it.nodeName] = it.textContent.trim() }
}
props['project.version'] = child(root, 'version').textContent.trim()
def interpolate = { String s -> s.replaceAll(/\$\{([^}]+)\}/) { all, key -> props.containsKey(key) ? props[key] : all } }

Map<String, String> managed = [:]
children(child(child(root, 'dependencyManagement'), 'dependencies'), 'dependency').each { d ->
    managed[child(d, 'groupId').textContent.trim() + ':' + child(d, 'artifactId').textContent.trim()] =
            interpolate(child(d, 'version').textContent.trim())
}

def preRelease = ~/(?i).*[.-](alpha|beta|rc|cr|m|milestone|preview|ea)[.-]?\d*([.-].*)?/
List<String> problems = []
int count = 0
resolved.eachLine { String line ->
    String token = line.trim().split(/\s+/)[0]
    String[] parts = token.split(':')
    if (parts.length < 5 || !line.startsWith('   ')) {
        return
    }
    String key = parts[0] + ':' + parts[1]
    String version = parts.length == 5 ? parts[3] : parts[4]
    count++
    if (preRelease.matcher(version).matches()) {
        problems << ('pre-release ' + token)
    }
    String wanted = managed[key]
    if (wanted != null && wanted != version) {
        problems << (key + ' resolved to ' + version + ', passkey4j-bom says ' + wanted)
    }
}
println "consumer-check: ${count} resolved artifacts of ${basedir.name} checked against ${bomFile.name} (${managed.size()} managed versions)"
if (count == 0) {
    throw new AssertionError("the dependency list of " + basedir.name + " is empty")
}
if (!problems.isEmpty()) {
    throw new AssertionError("A user's build gets other versions than passkey4j is tested with:\n  " + problems.join("\n  "))
}
return true
