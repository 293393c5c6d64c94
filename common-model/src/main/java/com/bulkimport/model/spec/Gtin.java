package com.bulkimport.model.spec;

/** GTIN-8/12/13/14 rules (GS1 General Specifications, mod-10 check digit). Barcodes stay text: leading zeros matter. */
public final class Gtin {

    private Gtin() {
    }

    public static boolean hasGtinLength(String digits) {
        int n = digits.length();
        return n == 8 || n == 12 || n == 13 || n == 14;
    }

    /** Weights 3,1,3,1… from the digit left of the check digit, moving left. */
    public static boolean checkDigitValid(String digits) {
        int last = digits.length() - 1;
        int sum = 0;
        for (int i = last - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (digits.charAt(i) - '0') * weight;
        }
        int expected = (10 - sum % 10) % 10;
        return digits.charAt(last) - '0' == expected;
    }
}
