#!/usr/bin/python3
"""Arbiter for the nyc_taxi score differences: a textbook Kalman filter (full covariance, P0 by 60 doubling steps)
in numpy longdouble (x87 80-bit) with statsmodels' fitted parameters, compared with statsmodels' e^2/F and Vigil's.
Inputs (not committed, made by hand): /tmp/sarima_ref/ref.json and the two score files, from
`sarima-workload --scores-dir /tmp/sarima_ref/ours --params-json nab_workload.json` and statsmodels' filter.
Result 2026-11-29: statsmodels vs longdouble 6.58e-06, Vigil vs longdouble 1.26e-11 (max |d| / max(score, 1)).
"""
import json, numpy as np, pandas as pd
L=np.longdouble
ref=json.load(open('/tmp/sarima_ref/ref.json'))
x=pd.read_csv('/work/shared/nab/data/realKnownCause/nyc_taxi.csv')['value'].to_numpy(np.float64)
seg=x[:2000]; z=(x-seg.mean())/seg.std()
p=ref['nyc_taxi.csv']['params']
ar=np.polymul([1,-p[0],-p[1]], np.r_[1,np.zeros(23),-p[3]])  # coefficients of 1 - ...
ma=np.polymul([1,p[2]], np.r_[1,np.zeros(23),p[4]])
# polymul on ascending? np.polymul treats as descending but product of ascending-coeff arrays is same convolution
phi=-np.array(ar[1:],dtype=L); theta=np.array(ma[1:],dtype=L)
r=max(len(phi),len(theta)+1)
T=np.zeros((r,r),dtype=L); T[:len(phi),0]=phi; T[np.arange(r-1),np.arange(1,r)]=1
R=np.zeros(r,dtype=L); R[0]=1; R[1:len(theta)+1]=theta
Q=L(p[5])*np.outer(R,R)
# doubling
P=Q.copy(); A=T.copy()
for k in range(60):
    P=P+A@P@A.T; A=A@A
P0=P
a=np.zeros(r,dtype=L); P=P0.copy(); sc=np.zeros(len(z))
for t in range(len(z)):
    v=L(z[t])-a[0]; F=P[0,0]; sc[t]=float(v*v/F)
    K=P[:,0]/F; au=a+K*v; Pu=P-np.outer(P[:,0],P[0,:])/F
    a=T@au; P=T@Pu@T.T+Q
sm=np.loadtxt('/tmp/sarima_ref/nyc_taxi.csv.scores.txt'); us=np.loadtxt('/tmp/sarima_ref/ours/nyc_taxi.csv.scores.txt')
for name,s in [('statsmodels',sm),('vigil',us)]:
    d=np.abs(s-sc)/np.maximum(sc,1.0); print(name,'vs longdouble: max d/max(s,1)=%.2e'%d.max())
