package io.github.passkey4j.examples.demo;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page a registration link opens, as a person uses it on the other device. */
final class RegisterPage {

    private final WebDriver driver;
    private final WebDriverWait wait;

    RegisterPage(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Opens the link and waits until the page has read it. */
    RegisterPage open(String link) {
        driver.get(link);
        wait.until(d -> d.findElement(By.id("register-form")).isDisplayed() || d.findElement(By.id("error")).isDisplayed());
        return this;
    }

    /** Names the passkey and adds it; returns when the page says how it went. */
    void register(String name) {
        WebElement field = driver.findElement(By.id("passkey-name"));
        field.clear();
        field.sendKeys(name);
        WebElement button = driver.findElement(By.id("register-button"));
        button.click();
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

    String done() {
        WebElement e = driver.findElement(By.id("done"));
        return e.isDisplayed() ? driver.findElement(By.id("done-text")).getText() : "";
    }

    boolean showsForm() {
        return driver.findElement(By.id("register-form")).isDisplayed();
    }

    /** @return every line of the call log with the bodies it shows, as text */
    String logWithBodies() {
        return (String) ((JavascriptExecutor) driver)
                .executeScript("return document.getElementById('api-log').textContent");
    }

    List<String> log() {
        return driver.findElements(By.cssSelector("#api-log > li")).stream()
                .map(li -> li.findElements(By.cssSelector(".call")).isEmpty() ? li.getText()
                        : li.findElement(By.cssSelector(".call")).getText())
                .collect(Collectors.toList());
    }
}
