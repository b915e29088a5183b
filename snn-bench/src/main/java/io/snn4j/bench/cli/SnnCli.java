package io.snn4j.bench.cli;

public final class SnnCli {
    public static void main(String[] args) {
        System.out.println("snn");
    }
}
