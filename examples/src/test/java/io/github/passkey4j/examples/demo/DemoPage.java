package io.github.passkey4j.examples.demo;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The demo page as a person uses it: fill in, click, read what it says. */
final class DemoPage {

    /** One row of the passkey list, as shown. */
    record Row(String id, String name, String provider, String created, String lastUsed, String kind) {
    }

    private final WebDriver driver;
    private final URI uri;
    private final WebDriverWait wait;

    DemoPage(WebDriver driver, URI uri) {
        this.driver = driver;
        this.uri = uri;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Opens the page with nothing remembered from earlier tests. */
    DemoPage openFresh() {
        driver.get(uri.toString());
        ((JavascriptExecutor) driver).executeScript("localStorage.clear()");
        return reload();
    }

    /** Reloads the page and waits until it shows either the sign-up or the account. */
    DemoPage reload() {
        driver.navigate().refresh();
        wait.until(d -> d.findElement(By.id("signup")).isDisplayed() || accountLoaded());
        return this;
    }

    private boolean accountLoaded() {
        return driver.findElement(By.id("account")).isDisplayed()
                && driver.findElement(By.id("add-button")).isEnabled();
    }

    void signUp(String loginName, String displayName) {
        type(By.id("login-name"), loginName);
        type(By.id("display-name"), displayName);
        driver.findElement(By.id("signup-button")).click();
        wait.until(d -> accountLoaded() || d.findElement(By.id("error")).isDisplayed());
    }

    /** Signs up with a password too (for the password sign-in and the passkey upgrade). */
    void signUp(String loginName, String displayName, String password) {
        type(By.id("login-name"), loginName);
        type(By.id("display-name"), displayName);
        type(By.id("signup-password"), password);
        driver.findElement(By.id("signup-button")).click();
        wait.until(d -> accountLoaded() || d.findElement(By.id("error")).isDisplayed());
    }

    /** Signs in with the login name and a password; returns when the page says how it went. */
    void signInWithPassword(String loginName, String password) {
        type(By.id("signin-name"), loginName);
        type(By.id("signin-password"), password);
        WebElement button = driver.findElement(By.id("signin-button"));
        button.click();
        awaitOutcome(button);
    }

    /**
     * Makes the page see a browser without passkey autofill (conditional mediation) from now until the
     * next load. Needed where a test signs out and in by the buttons: Chromium's virtual authenticators
     * answer a conditional request at once, as if the person had picked the passkey from the login
     * name field's suggestions, so the page would be signed in again before the test clicks.
     */
    DemoPage withoutAutofill() {
        ((JavascriptExecutor) driver).executeScript(
                "PublicKeyCredential.isConditionalMediationAvailable = () => Promise.resolve(false);");
        return this;
    }

    /** Signs out; returns when the sign-in form shows. */
    void signOut() {
        driver.findElement(By.id("signout")).click();
        wait.until(d -> d.findElement(By.id("signin")).isDisplayed() && d.findElement(By.id("status")).isDisplayed());
    }

    /** Username-first: types the login name and signs in; returns when the page says how it went. */
    void signIn(String loginName) {
        type(By.id("signin-name"), loginName);
        WebElement button = driver.findElement(By.id("signin-button"));
        button.click();
        awaitOutcome(button);
    }

    /** Usernameless: "Sign in with a passkey"; returns when the page says how it went. */
    void signInWithPasskey() {
        WebElement button = driver.findElement(By.id("passkey-button"));
        button.click();
        awaitOutcome(button);
    }

    /** Makes a one-time link to add a passkey on another device; returns it as the page shows it. */
    String makeLink() {
        WebElement button = driver.findElement(By.id("link-button"));
        button.click();
        awaitOutcome(button);
        wait.until(d -> d.findElement(By.id("link-box")).isDisplayed());
        return driver.findElement(By.id("link-output")).getAttribute("value");
    }

    boolean showsSignIn() {
        return driver.findElement(By.id("signin")).isDisplayed();
    }

    /** @return the passkeys' last use as the server sent it (ISO), "Never" when unused */
    List<String> lastUsedTimes() {
        return driver.findElements(By.cssSelector("#passkey-rows td.last-used")).stream()
                .map(td -> td.findElements(By.tagName("time")).isEmpty() ? td.getText()
                        : td.findElement(By.tagName("time")).getAttribute("datetime"))
                .collect(Collectors.toList());
    }

    /** Names a new passkey and adds it; returns when the page says how it went. */
    void addPasskey(String name) {
        type(By.id("passkey-name"), name);
        WebElement button = driver.findElement(By.id("add-button"));
        button.click();
        awaitOutcome(button);
    }

    void rename(String oldName, String newName) {
        driver.findElement(By.cssSelector("button[aria-label='Rename passkey " + oldName + "']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rename-dialog")));
        type(By.id("rename-input"), newName);
        WebElement save = driver.findElement(By.id("rename-save"));
        save.click();
        awaitOutcome(save);
    }

    void remove(String name) {
        driver.findElement(By.cssSelector("button[aria-label='Remove passkey " + name + "']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("remove-dialog")));
        WebElement confirm = driver.findElement(By.id("remove-confirm"));
        confirm.click();
        awaitOutcome(confirm);
    }

    /** Waits until the action's button is enabled again and a message is shown. */
    private void awaitOutcome(WebElement button) {
        wait.until(d -> button.isEnabled() && button.getAttribute("aria-busy") == null
                && (d.findElement(By.id("status")).isDisplayed() || d.findElement(By.id("error")).isDisplayed()));
    }

    String status() {
        WebElement e = driver.findElement(By.id("status"));
        return e.isDisplayed() ? e.getText() : "";
    }

    String error() {
        WebElement e = driver.findElement(By.id("error"));
        return e.isDisplayed() ? e.getText() : "";
    }

    String signedInAs() {
        return driver.findElement(By.id("who")).getText();
    }

    boolean showsSignUp() {
        return driver.findElement(By.id("signup")).isDisplayed();
    }

    List<Row> rows() {
        return driver.findElements(By.cssSelector("#passkey-rows tr")).stream()
                .map(tr -> new Row(tr.getAttribute("data-passkey-id"), text(tr, "name"), text(tr, "provider"),
                        text(tr, "created"), text(tr, "last-used"), text(tr, "kind")))
                .collect(Collectors.toList());
    }

    List<String> names() {
        return rows().stream().map(Row::name).collect(Collectors.toList());
    }

    /** @return the call log's lines, newest first */
    List<String> log() {
        return driver.findElements(By.cssSelector("#api-log > li")).stream()
                .map(li -> li.findElements(By.cssSelector(".call")).isEmpty() ? li.getText()
                        : li.findElement(By.cssSelector(".call")).getText())
                .collect(Collectors.toList());
    }

    private static String text(WebElement row, String cellClass) {
        return row.findElement(By.cssSelector("td." + cellClass)).getText();
    }

    private void type(By field, String text) {
        WebElement e = driver.findElement(field);
        e.clear();
        e.sendKeys(text);
    }
}
