package io.tern;

public final class Main {
  public static void main(String[] args) {
  }
}
